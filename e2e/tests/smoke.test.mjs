import {test} from 'node:test';
import assert from 'node:assert/strict';
import {withBrowser, DESKTOP} from '../lib/aisle.mjs';

test('the server serves the web root to a real browser', async () => {
  await withBrowser('smoke', DESKTOP, async ({page}) => {
    const response = await page.goto('/');
    assert.equal(response.status(), 200);
    assert.match(await page.title(), /Aisle/);
  });
});
