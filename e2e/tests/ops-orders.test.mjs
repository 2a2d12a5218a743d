// Customer service in the ops console: an order shipped by its store shows shipped with its routing explanation;
// an address change and a cancellation made in the console are what the API then answers.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {DESKTOP, HANDHELD, adminToken, newUser, ok, orderBody, placeOrder, storefrontKey, tokenFor, withBrowser}
  from '../lib/aisle.mjs';
import {allocatedAt, expectOrderInConsole, shipViaTaskApi, signInConsole} from '../lib/ops.mjs';

test('an order claimed, picked, packed and shipped through the task API shows shipped in the console, with its'
  + ' lines, allocations, timeline and routing explanation', async () => {
  const key = await storefrontKey();
  const order = await placeOrder(key, orderBody(`SHIP-${Date.now()}`, [{sku: 'SKU-00042', quantity: 1}]));
  const [store] = allocatedAt(order);
  const location = await ok('GET', `/api/v1/locations/${store}`, {auth: await adminToken()}, 200);
  assert.equal(location.type, 'store', 'the order ships from a store');
  const associate = await tokenFor(await newUser('associate', store));
  await shipViaTaskApi(associate, store, order.id);

  await withBrowser('ops-shipped', DESKTOP, async ({page}) => {
    await signInConsole(page, await newUser('csr'));
    const seen = await expectOrderInConsole(page, order.id, {status: 'shipped'});
    assert.deepEqual(seen.allocations, [store], 'the allocation at the shipping store');
    assert.ok(seen.candidates.includes(store) && seen.candidates.length > 1, 'the winner among other candidates');
    assert.match(seen.summary, new RegExp(`ships from ${location.name}`), seen.summary);
    assert.equal((await page.locator(`[data-testid=candidate][data-location="${store}"]`).textContent())
      .includes('Chosen for 1'), true, 'the winner is marked chosen');
    assert.match(await page.getByTestId('allocation').first().textContent(), /fulfilled/);
    assert.match(await page.getByTestId('order-line').first().textContent(), /SKU-00042/);
    assert.equal(await page.locator('#cancel-form').count(), 0, 'a shipped order cannot be cancelled');
    assert.ok(await page.getByTestId('event').count() >= 2, 'captured, then fulfilment events');
  });
});

test('customer service changes the ship-to address and cancels an order from the console', async () => {
  const key = await storefrontKey();
  const moving = await placeOrder(key, orderBody(`MOVE-${Date.now()}`, [{sku: 'SKU-00100', quantity: 1}]));
  const leaving = await placeOrder(key, orderBody(`GONE-${Date.now()}`, [{sku: 'SKU-00101', quantity: 1}]));
  const csr = await newUser('csr');
  const csrToken = await tokenFor(csr);

  await withBrowser('ops-change', HANDHELD, async ({page}) => {
    await signInConsole(page, csr);
    await expectOrderInConsole(page, moving.id, {status: 'allocated'});
    await page.getByLabel('City').fill('Chicago');
    await page.getByLabel('State').fill('IL');
    await page.getByLabel('Postal code').fill('60601');
    await page.getByLabel('Street').fill('233 S Wacker Dr');
    await page.getByRole('button', {name: 'Change address'}).click();
    await page.locator('#order-message').getByText('The address is changed').waitFor();
    assert.match(await page.getByTestId('ship-to').innerText(), /Chicago, IL 60601/);
    assert.match(await page.locator('details summary').textContent(), /1 earlier decision/);

    await expectOrderInConsole(page, leaving.id, {status: 'allocated'});
    await page.getByLabel('Reason for cancelling (optional)').fill('customer changed their mind');
    await page.getByRole('button', {name: 'Cancel the whole order'}).click();
    await page.locator('#order-message').getByText('The order is cancelled').waitFor();
    assert.equal((await page.getByTestId('order-status').textContent()).trim(), 'cancelled');
  });

  const moved = await ok('GET', `/api/v1/orders/${moving.id}`, {auth: csrToken}, 200);
  assert.equal(moved.shipTo.postalCode, '60601');
  assert.equal(moved.shipTo.city, 'Chicago');
  const routing = await ok('GET', `/api/v1/orders/${moving.id}/routing`, {auth: csrToken}, 200);
  assert.equal(routing.history.length, 2, 'sourced again for the new address');
  assert.equal(routing.current.reason, 'ship-to changed');
  const gone = await ok('GET', `/api/v1/orders/${leaving.id}`, {auth: csrToken}, 200);
  assert.equal(gone.status, 'cancelled');
  const cancelled = gone.events.find(e => e.type === 'cancelled');
  assert.equal(cancelled?.detail?.reason, 'customer changed their mind');
  assert.match(cancelled.actor, new RegExp(csr.username));
});
