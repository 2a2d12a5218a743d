// The ops console by keyboard alone, at handheld size: sign in, find an order, cancel it; focus is always visible.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {HANDHELD, newUser, ok, placeOrder, storefrontKey, tokenFor, withBrowser, orderBody} from '../lib/aisle.mjs';

/** Presses Tab until the focused element matches {@code selector}; fails after {@code max} presses. */
async function tabTo(page, selector, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate(s => document.activeElement?.matches(s), selector)) {
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(outline, 'none', `${selector} shows that it has the focus`);
      return;
    }
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}

test('a CSR signs in, finds an order and cancels it with the keyboard only', async () => {
  const order = await placeOrder(await storefrontKey(), orderBody(`KEYS-${Date.now()}`, [{sku: 'SKU-00123',
    quantity: 1}]));
  const csr = await newUser('csr');
  await withBrowser('ops-keyboard', HANDHELD, async ({page}) => {
    await page.goto('/ops/');
    await tabTo(page, '#username');
    await page.keyboard.type(csr.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(csr.password);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', {name: 'Console sections'}).waitFor();

    await tabTo(page, 'a[data-section=orders]');
    await page.keyboard.press('Enter');
    await page.getByTestId('order-list').waitFor();
    await tabTo(page, '#q-id');
    await page.keyboard.type(order.id);
    await page.keyboard.press('Enter');
    await page.getByTestId('order-status').waitFor();
    assert.equal(await page.getByTestId('order-id').textContent(), order.id);

    await tabTo(page, '#cancel-reason');
    await page.keyboard.type('called in');
    await tabTo(page, '#cancel-order');
    await page.keyboard.press('Enter');
    await page.locator('#order-message').getByText('The order is cancelled').waitFor();
    assert.equal((await page.getByTestId('order-status').textContent()).trim(), 'cancelled');
    await page.locator('#announce').filter({hasText: 'cancelled'}).waitFor({state: 'attached'});  // screen readers
  });
  const after = await ok('GET', `/api/v1/orders/${order.id}`, {auth: await tokenFor(csr)}, 200);
  assert.equal(after.status, 'cancelled');
});
