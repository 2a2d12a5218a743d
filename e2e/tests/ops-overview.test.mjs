// The live overview counts what happened (the same numbers as the API), and a stock-out leads to the SKU's
// inventory across the network.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {DESKTOP, adminToken, newUser, ok, orderBody, placeOrder, storefrontKey, tokenFor, withBrowser}
  from '../lib/aisle.mjs';
import {signInConsole} from '../lib/ops.mjs';

/** A 12-digit UPC-A with a valid check digit. */
function upc(seed) {
  const digits = String(seed).padStart(11, '0').slice(-11).split('').map(Number);
  const sum = digits.reduce((s, d, i) => s + d * (i % 2 === 0 ? 3 : 1), 0);
  return digits.join('') + ((10 - (sum % 10)) % 10);
}

test('the overview charts the orders placed and shows a new stock-out, which leads to its inventory', async () => {
  const admin = await adminToken();
  const sku = `OPS-E2E-${Date.now()}`;
  await ok('PUT', `/api/v1/products/${sku}`, {auth: admin, body: {name: 'Last Lantern', upc: upc(Date.now()),
    priceCents: 2500, weightGrams: 400}}, [200, 201]);
  await ok('PUT', `/api/v1/inventory/S008/${sku}`, {auth: admin, body: {onHand: 1}}, [200, 201]);
  const csr = await newUser('csr');
  const csrToken = await tokenFor(csr);
  const before = await ok('GET', '/api/v1/ops/overview?minutes=60', {auth: csrToken}, 200);
  const count = (o, list, key) => o[list].find(s => s.key === key)?.count ?? 0;

  const key = await storefrontKey();
  await placeOrder(key, orderBody(`OV-A-${Date.now()}`, [{sku, quantity: 1}]));
  await placeOrder(key, orderBody(`OV-B-${Date.now()}`, [{sku: 'SKU-00010', quantity: 1, method: 'pickup',
    pickupLocationId: 'S001'}, {sku: 'SKU-00011', quantity: 2}]));

  await withBrowser('ops-overview', DESKTOP, async ({page}) => {
    await signInConsole(page, csr, '#/overview?minutes=60');
    const expected = String(before.orders + 2);
    await page.waitForFunction(n => document.querySelector('[data-testid=kpi-orders]')?.textContent === n, expected,
      {timeout: 15_000});
    const after = await ok('GET', '/api/v1/ops/overview?minutes=60', {auth: csrToken}, 200);
    assert.equal(after.orders, before.orders + 2);
    assert.equal(count(after, 'byMethod', 'pickup'), count(before, 'byMethod', 'pickup') + 1);
    assert.equal(count(after, 'byMethod', 'ship'), count(before, 'byMethod', 'ship') + 2);

    const value = async testid => Number(await page.getByTestId(testid).getAttribute('data-value'));
    assert.equal(await value('share-method-ship'), count(after, 'byMethod', 'ship'));
    assert.equal(await value('share-method-pickup'), count(after, 'byMethod', 'pickup'));
    assert.equal(await value('share-location-store'), count(after, 'byLocationType', 'store'));
    assert.match(await page.getByTestId('share-method-pickup').textContent(), /pickup \d+ lines \(\d+%\)/);
    assert.equal(await page.locator('[data-testid=chart-orders] rect').count(), 60, 'one bar per minute');
    assert.match(await page.getByTestId('chart-orders').getAttribute('aria-label'),
      new RegExp(`${after.orders} in all`));
    assert.equal(await page.getByTestId('kpi-late').textContent(), String(after.lateTasks.total));
    assert.equal(await page.getByTestId('late-row').count(), after.lateTasks.top.length);

    const soldOut = page.locator(`[data-testid=stock-out][data-sku="${sku}"]`);
    assert.match(await soldOut.textContent(), /Last Lantern.*1 of 1.*sold out/s);
    await soldOut.getByRole('link', {name: sku}).click();
    await page.getByTestId('position').first().waitFor();
    assert.match(await page.getByTestId('inventory-totals').innerText(), /^0 available to sell at 0 of 1 locations/);
    const row = page.locator('[data-testid=position][data-location="S008"]');
    assert.match(await row.textContent(), /Ardsley/);

    // Another SKU from the form: every position the API knows is listed.
    await page.getByLabel('SKU').fill('SKU-00042');
    await page.getByRole('button', {name: 'Show stock'}).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=inventory-title]')?.textContent
      .startsWith('SKU-00042'));
    const inventory = await ok('GET', '/api/v1/inventory/SKU-00042', {auth: csrToken}, 200);
    assert.equal(await page.getByTestId('position').count(), inventory.positions.length);
    assert.match(await page.getByTestId('inventory-totals').innerText(),
      new RegExp(`^${inventory.totals.availableToSell} available to sell`));
  });
});
