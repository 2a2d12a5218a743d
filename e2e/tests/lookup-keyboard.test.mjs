// The customer stock lookup with a keyboard alone: Tab, arrows, typing and Enter, never the mouse.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {productInStockNear, withBrowser, DESKTOP, HANDHELD} from '../lib/aisle.mjs';

/** The focused element's id (or data-sku, or text), and whether its focus ring is drawn. */
function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    return {id: e.id, sku: e.dataset.sku, tag: e.tagName.toLowerCase(), text: e.textContent.trim(),
      ring: getComputedStyle(e).outlineStyle !== 'none'};
  });
}

async function tabTo(page, expect) {
  await page.keyboard.press('Tab');
  const f = await focused(page);
  for (const [key, value] of Object.entries(expect)) {
    assert.equal(f[key], value, `Tab lands on ${JSON.stringify(expect)}, not ${JSON.stringify(f)}`);
  }
  assert.ok(f.ring, `the focus on ${JSON.stringify(f)} is visible`);
}

for (const [size, viewport] of [['handheld', HANDHELD], ['desktop', DESKTOP]]) {
  test(`a customer looks up stock with the keyboard alone (${size})`, async () => {
    const {product, store} = await productInStockNear('lamp', '10001', 25);
    await withBrowser(`lookup-keyboard-${size}`, viewport, async ({page}) => {
      await page.goto('/');
      await tabTo(page, {text: 'Skip to your location'});
      await tabTo(page, {id: 'q'});
      await page.keyboard.type(product.sku.toLowerCase());
      await page.locator(`#matches button[data-sku="${product.sku}"]`).waitFor();
      // Arrow down from the search box into the matches, Enter picks one; the postal code is next.
      await page.keyboard.press('ArrowDown');
      assert.equal((await focused(page)).sku, product.sku);
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('#chosen-name').innerText(), product.name);
      assert.equal((await focused(page)).id, 'postal');

      await page.keyboard.type('10001');
      await tabTo(page, {id: 'radius'});
      await page.keyboard.press('ArrowUp'); // 25 km
      await tabTo(page, {text: 'Find stores'});
      await page.keyboard.press('Enter');

      // The answer takes the focus, the first stop in it opens the store's week.
      await page.locator('#results ol.stores .store-name').first().waitFor();
      assert.equal((await focused(page)).id, 'results-title');
      assert.equal(await page.locator('#results ol.stores .store-name').first().innerText(), store.name);
      assert.match(page.url(), /radiusKm=25$/);
      await tabTo(page, {tag: 'summary', text: 'Opening hours this week'});
      await page.keyboard.press('Enter');
      assert.ok(await page.locator('#results ol.stores details').first().evaluate(d => d.open));
      assert.ok(await page.locator('#results ol.stores .hours').first().isVisible());

      // Back up to the form with Shift+Tab and choose another product.
      for (let i = 0; i < 10 && (await focused(page)).id !== 'change'; i++) {
        await page.keyboard.press('Shift+Tab');
      }
      assert.equal((await focused(page)).id, 'change');
      await page.keyboard.press('Enter');
      assert.equal((await focused(page)).id, 'q');
    });
  });
}
