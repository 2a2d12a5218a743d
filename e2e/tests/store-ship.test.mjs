import {test} from 'node:test';
import {HANDHELD, withBrowser} from '../lib/aisle.mjs';
import {shipFromStoreFlow} from '../lib/store-app.mjs';

test('a storefront order reaches the associate live; claimed, scanned, packed, printed and shipped by keyboard'
  + ' alone on a handheld', async () => {
  await withBrowser('store-ship', HANDHELD, async ({page}) => {
    await shipFromStoreFlow(page, {keyboard: true});
  });
});
