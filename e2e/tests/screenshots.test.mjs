// Each web app at handheld and desktop size, as a person would first see it with some data in it: the pictures in
// docs/screenshots (run.sh copies them there with UPDATE_SCREENSHOTS=1). Each also checks the screen shows what the
// picture is meant to show, so a broken page fails here rather than ending up in the docs.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {DESKTOP, HANDHELD, newUser, orderBody, placeOrder, productInStockNear, storefrontKey, tokenFor, withBrowser}
  from '../lib/aisle.mjs';
import {expectOrderInConsole, signInConsole} from '../lib/ops.mjs';
import {associateOf, openAndClaim, shipFromStorePlan, signIn, taskOf} from '../lib/store-app.mjs';

const DIR = 'target/screenshots';
const SIZES = [['handheld', HANDHELD], ['desktop', DESKTOP]];

test('screenshots: customer stock lookup', async () => {
  const {product} = await productInStockNear('lamp', '10001');
  for (const [size, viewport] of SIZES) {
    await withBrowser(`shot-lookup-${size}`, viewport, async ({page, shot}) => {
      await page.goto(`/#sku=${product.sku}&postalCode=10001&radiusKm=25`);
      await page.locator('#results ol.stores > li').first().waitFor();
      await shot(null, `${DIR}/lookup-${size}.png`);
    });
  }
});

test('screenshots: ops console overview and order detail', async () => {
  const key = await storefrontKey();
  const order = await placeOrder(key, orderBody(`SHOT-${Date.now()}`, [{sku: 'SKU-00042', quantity: 1},
    {sku: 'SKU-00077', quantity: 2}]));
  const admin = await newUser('admin');
  for (const [size, viewport] of SIZES) {
    await withBrowser(`shot-ops-${size}`, viewport, async ({page, shot}) => {
      await signInConsole(page, admin, '#/overview?minutes=60');
      await page.getByTestId('chart-orders').waitFor();
      await shot(null, `${DIR}/ops-overview-${size}.png`);
      const seen = await expectOrderInConsole(page, order.id);
      assert.ok(seen.candidates.length > 1, 'the explanation lists the candidate stores');
      await page.getByTestId('routing-summary').first().scrollIntoViewIfNeeded();
      await shot(null, `${DIR}/ops-order-${size}.png`);
    });
  }
});

test('screenshots: associate handheld app queue and pick list', async () => {
  const key = await storefrontKey();
  const plan = await shipFromStorePlan('SHOT-STORE', [2, 1, 1], 700);
  const user = await associateOf(plan.storeId);
  const token = await tokenFor(user);
  const order = await placeOrder(key, plan.body);
  await placeOrder(key, (await shipFromStorePlan('SHOT-STORE', [1], 800)).body);
  const task = await taskOf(token, plan.storeId, order.id);
  for (const [size, viewport] of SIZES) {
    await withBrowser(`shot-store-${size}`, viewport, async ({page, shot}) => {
      await signIn(page, user);
      await page.locator(`a[data-task-id="${task.id}"]`).waitFor();
      await shot(null, `${DIR}/store-queue-${size}.png`);
      if (size === 'handheld') {
        await openAndClaim(page, task.id);
        assert.equal(await page.locator('#pick-list li').count(), 3, 'the pick list has the three lines');
        await page.locator('#banner').waitFor({state: 'hidden'}); // the claim has reached the server
        await shot(null, `${DIR}/store-pick-${size}.png`);
      }
    });
  }
});
