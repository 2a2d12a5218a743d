// Each web app at handheld and desktop size, as a person would first see it with some data in it: the pictures in
// docs/screenshots (run.sh copies them there with UPDATE_SCREENSHOTS=1). Each also checks the screen shows what the
// picture is meant to show, so a broken page fails here rather than ending up in the docs.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {DESKTOP, HANDHELD, newUser, placeOrder, productInStockNear, storefrontKey, withBrowser} from '../lib/aisle.mjs';
import {demoOrder, expectOrderInConsole, signInConsole} from '../lib/ops.mjs';

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
  const order = await placeOrder(key, demoOrder(`SHOT-${Date.now()}`, [{sku: 'SKU-00042', quantity: 1},
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
