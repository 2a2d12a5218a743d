import {test} from 'node:test';
import assert from 'node:assert/strict';
import {DESKTOP, adminToken, ok, placeOrder, storefrontKey, tokenFor, withBrowser, orderBody} from '../lib/aisle.mjs';
import {associateOf, openAndClaim, orderNumber, signIn, stockedAt, taskOf, waitForApi}
  from '../lib/store-app.mjs';

const STORE = 'S001';

test('a pickup: picked with the camera, staged, ready (the customer gets a code); a wrong code is refused, the right one hands it'
  + ' over', async () => {
  const [sku] = await stockedAt(STORE, 1, 1, 1500);
  const user = await associateOf(STORE);
  const token = await tokenFor(user);
  const shop = await storefrontKey();
  await withBrowser('store-pickup', DESKTOP, async ({page}) => {
    // a camera that sees whatever barcode the test holds up (headless Chromium on Linux has no BarcodeDetector)
    await page.addInitScript(() => {
      window.BarcodeDetector = class {
        async detect() {
          return window.heldUp ? [{rawValue: window.heldUp}] : [];
        }
      };
      navigator.mediaDevices.getUserMedia = async () => {
        const canvas = Object.assign(document.createElement('canvas'), {width: 64, height: 48});
        canvas.getContext('2d').fillRect(0, 0, 64, 48);
        return canvas.captureStream();
      };
    });
    await signIn(page, user);
    const order = await placeOrder(shop, orderBody(orderNumber('STORE-PICKUP'),
      [{sku, quantity: 1, method: 'pickup', pickupLocationId: STORE}]));
    const task = await taskOf(token, STORE, order.id);
    assert.match(await page.locator(`a[data-task-id="${task.id}"]`).innerText({timeout: 5_000}), /Pickup/);
    await openAndClaim(page, task.id);
    await page.getByRole('button', {name: 'Scan with camera'}).click();
    await page.locator('video').waitFor();
    await page.evaluate(upc => { window.heldUp = upc; }, task.lines[0].upc);
    await page.getByRole('button', {name: 'Staged on the pickup shelf'}).click();
    await page.getByRole('button', {name: /Ready for pickup/}).click();
    const code = page.getByLabel('Pickup code from the customer');
    await code.waitFor();
    await waitForApi(token, task.id, t => t.status === 'ready');
    assert.equal((await ok('GET', `/api/v1/orders/${order.id}`, {auth: shop}, 200)).status, 'ready-for-pickup');

    // the storefront tells its customer the code from the order's notifications
    const told = (await ok('GET', `/api/v1/orders/${order.id}/notifications`, {auth: shop}, 200)).items
      .find(n => n.kind === 'ready-for-pickup');
    const pickupCode = told.payload.pickupCode;
    assert.match(pickupCode, /^\d{6}$/);

    await code.fill(pickupCode === '000000' ? '111111' : '000000');
    await page.getByRole('button', {name: 'Hand over'}).click();
    await page.locator('#msg', {hasText: 'Wrong pickup code'}).waitFor();
    assert.equal(await code.getAttribute('aria-invalid'), 'true');
    assert.equal((await ok('GET', `/api/v1/tasks/${task.id}`, {auth: token}, 200)).status, 'ready', 'not handed over');

    await code.fill(pickupCode);
    await page.getByRole('button', {name: 'Hand over'}).click();
    await page.locator('#done').waitFor();
    assert.match(await page.locator('#done').innerText(), /handed over/);
    await waitForApi(token, task.id, t => t.status === 'handed-over');
    assert.equal((await ok('GET', `/api/v1/orders/${order.id}`, {auth: await adminToken()}, 200)).status, 'picked-up');
  }, [/status of 422/]);
});
