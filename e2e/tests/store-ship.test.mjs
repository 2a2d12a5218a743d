import {test} from 'node:test';
import assert from 'node:assert/strict';
import {HANDHELD, newUser, withBrowser} from '../lib/aisle.mjs';
import {expectOrderInConsole, signInConsole} from '../lib/ops.mjs';
import {shipFromStoreFlow} from '../lib/store-app.mjs';

test('a storefront order reaches the associate live; claimed, scanned, packed, printed and shipped by keyboard'
  + ' alone on a handheld, and the ops console shows it shipped with its routing explanation', async () => {
  await withBrowser('store-ship', HANDHELD, async ({page}) => {
    await page.addInitScript(() => {
      window.vibrations = [];
      navigator.vibrate = pattern => window.vibrations.push(pattern) > 0;
    });
    const shipped = await shipFromStoreFlow(page, {keyboard: true});
    assert.equal(await page.evaluate(() => window.vibrations.length), 1, 'the new task buzzed the handheld once');

    // customer service then sees it shipped in the ops console, with why it went to that store
    await signInConsole(page, await newUser('csr'));
    const seen = await expectOrderInConsole(page, shipped.orderId, {status: 'shipped'});
    assert.ok(seen.allocations.includes(shipped.storeId), 'the console shows the store that shipped it');
    assert.match(seen.summary, new RegExp(`ships from`), 'the routing explanation says where it ships from');
    assert.ok(seen.candidates.includes(shipped.storeId), 'the store is among the candidates explained');
  });
});
