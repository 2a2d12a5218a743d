import {test} from 'node:test';
import assert from 'node:assert/strict';
import {HANDHELD, withBrowser} from '../lib/aisle.mjs';
import {shipFromStoreFlow} from '../lib/store-app.mjs';

test('a storefront order reaches the associate live; claimed, scanned, packed, printed and shipped by keyboard'
  + ' alone on a handheld', async () => {
  await withBrowser('store-ship', HANDHELD, async ({page}) => {
    await page.addInitScript(() => {
      window.vibrations = [];
      navigator.vibrate = pattern => window.vibrations.push(pattern) > 0;
    });
    await shipFromStoreFlow(page, {keyboard: true});
    assert.equal(await page.evaluate(() => window.vibrations.length), 1, 'the new task buzzed the handheld once');
  });
});
