import {test} from 'node:test';
import assert from 'node:assert/strict';
import {HANDHELD, placeOrder, storefrontKey, tokenFor, withBrowser, orderBody} from '../lib/aisle.mjs';
import {associateOf, orderNumber, signIn, stockedAt, taskOf} from '../lib/store-app.mjs';

const STORE = 'S010';

test('the feed socket drops: the app shows it is offline, reconnects after the last event it saw, and catches up'
  + ' on what it missed', async () => {
  const skus = await stockedAt(STORE, 1, 2, 2600);
  const user = await associateOf(STORE);
  const token = await tokenFor(user);
  const shop = await storefrontKey();
  const pickup = sku => orderBody(orderNumber('STORE-FEED'), [{sku, quantity: 1, method: 'pickup',
    pickupLocationId: STORE}]);
  await withBrowser('store-feed', HANDHELD, async ({page}) => {
    const sockets = [];
    let hold = false;
    await page.routeWebSocket(/\/feed\?/, ws => {
      const socket = {ws, url: ws.url(), connect: () => ws.connectToServer()};
      sockets.push(socket);
      if (!hold) {
        socket.connect();
      }
    });
    await signIn(page, user);
    const first = await placeOrder(shop, pickup(skus[0]));
    const firstTask = await taskOf(token, STORE, first.id);
    await page.locator(`a[data-task-id="${firstTask.id}"]`).waitFor({timeout: 5_000});
    assert.match(sockets[0].url, /after=0&/);

    // the connection drops, and the next one does not get through yet
    hold = true;
    await sockets[0].ws.close();
    await page.locator('#banner', {hasText: 'Offline'}).waitFor();
    assert.match(await page.locator('#conn').innerText(), /Offline/);
    for (let i = 0; sockets.length < 2 && i < 100; i++) {
      await new Promise(r => setTimeout(r, 50));  // the app tries again on its own
    }
    const second = await placeOrder(shop, pickup(skus[1]));
    const secondTask = await taskOf(token, STORE, second.id);
    await new Promise(r => setTimeout(r, 500));
    assert.equal(await page.locator(`a[data-task-id="${secondTask.id}"]`).count(), 0, 'not seen while offline');

    // resumes after the last seq processed (not from the start), and replays what was missed
    const seen = Number(await page.evaluate(s => localStorage.getItem(`aisle.store.seq.${s}`), STORE));
    assert.ok(seen > 0);
    const retry = sockets[sockets.length - 1];
    assert.match(retry.url, new RegExp(`after=${seen}&`));
    retry.connect();
    await page.locator(`a[data-task-id="${secondTask.id}"]`).waitFor({timeout: 5_000});
    await page.waitForFunction(() => document.getElementById('banner').hidden);
    assert.match(await page.locator('#conn').innerText(), /Live/);
    assert.equal(await page.locator(`a[data-task-id="${firstTask.id}"]`).count(), 1, 'each task once');
  });
});
