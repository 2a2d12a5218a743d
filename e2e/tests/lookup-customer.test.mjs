// The customer stock lookup at /: a shopper finds a product by name or SKU, says where they are (postal code or the
// browser's location) and sees the nearest stores with stock, their opening hours and ship-to-home; and the clear
// states for out of stock near you, a bad postal code and a server that cannot answer.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {adminToken, api, availability, ok, productInStockNear, withBrowser, DESKTOP, HANDHELD} from '../lib/aisle.mjs';

const CHICAGO = {postalCode: '60601', lat: 41.8858, lon: -87.6229};
const FAILED_400 = /Failed to load resource: the server responded with a status of 400/;

/** The shortest tail of the product's name that still lists it among the page's first 8 matches. */
async function nameFragment(product) {
  const words = product.name.toLowerCase().split(' ');
  for (let n = 2; n <= words.length; n++) {
    const fragment = words.slice(-n).join(' ');
    const page = await ok('GET', `/api/v1/products?q=${encodeURIComponent(fragment)}&limit=8`, {}, 200);
    if (page.items.some(p => p.sku === product.sku)) {
      return fragment;
    }
  }
  return product.name;
}

/** Asserts the page lists the API's nearest store with stock first, with its distance, today's hours and more. */
async function assertNearestFirst(page, answer, store) {
  const first = page.locator('#results ol.stores > li').first();
  await first.waitFor();
  assert.equal((await first.locator('.store-name').innerText()).trim(), store.name);
  assert.match(await first.locator('.distance').innerText(), new RegExp(`^${store.distanceKm.toFixed(1)} km`));
  assert.match(await first.locator('.stock').innerText(), /In stock|Low stock/);
  // Today is the store's own weekday, in its time zone.
  const day = new Intl.DateTimeFormat('en-US', {timeZone: store.timezone, weekday: 'long'}).format(new Date());
  const hours = store.openingHours[day.slice(0, 3).toLowerCase()];
  const shown = hours === 'closed' ? 'Closed' : hours === '00:00-24:00' ? 'Open 24 hours' : hours.replace('-', '–');
  assert.match(await first.locator('.today').innerText(), new RegExp(`^Today \\(${day}\\): ${shown} · (Open|Closed) now$`));
  await first.locator('summary').click();
  assert.equal(await first.locator('.hours tr').count(), 7);
  assert.match(await first.locator('.hours').innerText(), /Monday[\s\S]*Sunday/);
  const ship = answer.shipToHome[0].band === 'out-of-stock' ? /Not available to ship/ : /to ship to your home/;
  assert.match(await page.locator('#results .ship').innerText(), ship);
  const withIt = answer.stores.filter(s => s.items[0].band !== 'out-of-stock');
  assert.equal(await page.locator('#results ol.stores > li').count(), withIt.length);
  assert.equal(await page.locator('#results ul.stores > li').count(), answer.stores.length - withIt.length);
}

for (const [size, viewport] of [['handheld', HANDHELD], ['desktop', DESKTOP]]) {
  test(`a customer finds a product by name and by SKU and sees the nearest store with stock (${size})`, async () => {
    const lamp = await productInStockNear('lamp', CHICAGO.postalCode);
    const towel = await productInStockNear('towel', CHICAGO.postalCode);
    const fragment = await nameFragment(lamp.product);
    await withBrowser(`lookup-find-${size}`, viewport, async ({page}) => {
      await page.goto('/');
      await page.getByLabel('Product name or SKU').fill(fragment);
      await page.locator(`#matches button[data-sku="${lamp.product.sku}"]`).click();
      assert.equal(await page.locator('#chosen-name').innerText(), lamp.product.name);
      await page.getByLabel('Postal code').fill(CHICAGO.postalCode);
      await page.getByRole('button', {name: 'Find stores'}).click();
      await assertNearestFirst(page, lamp.answer, lamp.store);
      assert.match(await page.locator('.summary').innerText(), new RegExp(`Nearest store with it: ${lamp.store.name}`));

      // By SKU (typed in lower case), Enter picks the only match and looks it up where the customer already is.
      await page.getByLabel('Product name or SKU').fill(towel.product.sku.toLowerCase());
      await page.getByLabel('Product name or SKU').press('Enter');
      await page.locator('#results-title', {hasText: towel.product.name}).waitFor();
      await assertNearestFirst(page, towel.answer, towel.store);

      // The lookup is in the address: reloading (or sharing) it shows the same answer.
      assert.match(page.url(), new RegExp(`#sku=${towel.product.sku}&postalCode=${CHICAGO.postalCode}&radiusKm=50$`));
      await page.reload();
      await assertNearestFirst(page, towel.answer, towel.store);
    });
  });
}

test('"Use my location" lists the stores near where the browser is, and a refusal says what to do', async () => {
  const {product} = await productInStockNear('lamp', CHICAGO.postalCode);
  const answer = await availability({sku: product.sku, lat: CHICAGO.lat, lon: CHICAGO.lon, radiusKm: 50});
  const store = answer.stores.find(s => s.items[0].band !== 'out-of-stock');
  await withBrowser('lookup-location', HANDHELD, async ({page, context}) => {
    await page.goto(`/#sku=${product.sku}`);
    await page.locator('#chosen-name', {hasText: product.name}).waitFor();
    await page.getByRole('button', {name: 'Use my location'}).click();
    await page.locator('.error', {hasText: 'You did not allow this page to use your location'}).waitFor();

    await context.grantPermissions(['geolocation']);
    await context.setGeolocation({latitude: CHICAGO.lat, longitude: CHICAGO.lon});
    await page.getByRole('button', {name: 'Use my location'}).click();
    await page.locator('#results-title', {hasText: 'near your location'}).waitFor();
    await assertNearestFirst(page, answer, store);
  });
});

/** A product some store has 25..50 km from the postal code, so a wider search finds it once the near ones sell out. */
async function productStockedFartherThan25Km(term, postalCode) {
  const page = await ok('GET', `/api/v1/products?q=${encodeURIComponent(term)}&limit=50`, {}, 200);
  for (const product of page.items) {
    const answer = await availability({sku: product.sku, postalCode, radiusKm: 50});
    if (answer.stores.some(s => s.distanceKm > 25 && s.items[0].band !== 'out-of-stock')) {
      return product;
    }
  }
  assert.fail(`no product named like "${term}" is in stock 25..50 km from ${postalCode}`);
}

test('out of stock near you is said plainly, with ship to home and a wider search offered', async t => {
  const admin = await adminToken();
  const product = await productStockedFartherThan25Km('kite', CHICAGO.postalCode);
  const near = await availability({sku: product.sku, postalCode: CHICAGO.postalCode, radiusKm: 25});
  assert.equal(near.shipToHome[0].band, 'in-stock', 'the DCs carry it');
  // Sell it out at every store within 25 km; put the stock back afterwards for the tests that follow.
  const restore = [];
  t.after(async () => {
    for (const p of restore) {
      await ok('PUT', `/api/v1/inventory/${p.locationId}/${product.sku}`, {auth: admin, body: {onHand: p.onHand}}, 200);
    }
  });
  for (const s of near.stores.filter(s => s.items[0].band !== 'out-of-stock')) {
    restore.push(await ok('GET', `/api/v1/inventory/${s.locationId}/${product.sku}`, {auth: admin}, 200));
    await ok('PUT', `/api/v1/inventory/${s.locationId}/${product.sku}`, {auth: admin, body: {onHand: 0}}, 200);
  }
  const wider = await availability({sku: product.sku, postalCode: CHICAGO.postalCode, radiusKm: 50});
  const nearest = wider.stores.find(s => s.items[0].band !== 'out-of-stock');

  await withBrowser('lookup-out-of-stock', HANDHELD, async ({page}) => {
    await page.goto(`/#sku=${product.sku}&postalCode=${CHICAGO.postalCode}&radiusKm=25`);
    const notice = page.locator('#results .nothing-near');
    await notice.waitFor();
    assert.match(await notice.innerText(),
      new RegExp(`Out of stock near you\\. None of the ${near.stores.length} stores within 25 km has it\\. `
        + 'You can still have it shipped to your home\\.'));
    assert.match(await page.locator('#results .ship').innerText(), /Ship to home:\s+Available to ship to your home/);
    assert.equal(await page.locator('#results ol.stores').count(), 0, 'no store is listed as having it');
    assert.equal(await page.locator('#results ul.stores > li').count(), near.stores.length);

    await page.getByRole('button', {name: 'Look within 50 km'}).click();
    await assertNearestFirst(page, wider, nearest);
    assert.equal(await page.getByLabel('Within').inputValue(), '50');
    assert.match(page.url(), /radiusKm=50$/);
  });
});

test('no store within the radius is its own clear state', async () => {
  const {product} = await productInStockNear('lamp', CHICAGO.postalCode);
  await withBrowser('lookup-no-store', DESKTOP, async ({page}) => {
    // Utqiagvik (Barrow), Alaska: no store for hundreds of kilometres.
    await page.goto(`/#sku=${product.sku}&postalCode=99723&radiusKm=10`);
    await page.locator('#results .nothing-near', {hasText: 'There is no Aisle store within 10 km.'}).waitFor();
    assert.equal(await page.locator('#results .store').count(), 0);
    assert.equal(await page.locator('#results .map').count(), 0);
  });
});

test('a bad postal code shows the server\'s message at the field', async () => {
  const {product} = await productInStockNear('lamp', CHICAGO.postalCode);
  const problem = await api('GET', `/api/v1/availability?sku=${product.sku}&postalCode=00000`);
  assert.equal(problem.status, 400);
  const message = problem.body.errors.find(e => e.field === 'postalCode').message;
  await withBrowser('lookup-bad-postal', DESKTOP, async ({page}) => {
    await page.goto(`/#sku=${product.sku}`);
    await page.locator('#chosen-name', {hasText: product.name}).waitFor();
    await page.getByRole('button', {name: 'Find stores'}).click();
    assert.equal(await page.locator('#postal-error').innerText(), 'Enter your postal code, or use your location.');

    await page.getByLabel('Postal code').fill('00000');
    await page.getByRole('button', {name: 'Find stores'}).click();
    const error = page.locator('#postal-error');
    await error.filter({hasText: '00000'}).waitFor();
    assert.equal((await error.innerText()).toLowerCase(), message.toLowerCase());
    assert.equal(await page.getByLabel('Postal code').getAttribute('aria-invalid'), '');
    assert.ok(await page.getByLabel('Postal code').evaluate(e => e === document.activeElement), 'focus is on the field');
    assert.equal(await page.locator('#results').isHidden(), true);

    await page.getByLabel('Postal code').fill('60601');
    assert.equal(await error.isHidden(), true, 'typing clears the error');
  }, [FAILED_400]);
});

test('a shared link to a product that does not exist says so and leaves the search ready', async () => {
  await withBrowser('lookup-unknown-sku', DESKTOP, async ({page}) => {
    await page.goto('/#sku=SKU-NOPE&postalCode=60601');
    await page.locator('#search-status', {hasText: 'There is no product SKU-NOPE. Search for it by name.'}).waitFor();
    assert.equal(await page.locator('#chosen').isHidden(), true);
    assert.equal(await page.locator('#results').isHidden(), true);
    assert.equal(await page.getByLabel('Postal code').inputValue(), '60601');
  }, [/status of 404/]);
});

test('a busy or unreachable server gets a friendly message and a way to try again', async () => {
  const {product, store} = await productInStockNear('lamp', CHICAGO.postalCode);
  await withBrowser('lookup-unavailable', HANDHELD, async ({page}) => {
    await page.route('**/api/v1/availability?*', route => route.fulfill({status: 429,
      headers: {'retry-after': '7', 'content-type': 'application/problem+json'},
      body: JSON.stringify({type: 'about:blank', title: 'Too many requests', status: 429})}));
    await page.goto(`/#sku=${product.sku}&postalCode=${CHICAGO.postalCode}`);
    await page.locator('#results .error', {hasText: 'Please try again in 7 seconds.'}).waitFor();

    await page.unroute('**/api/v1/availability?*');
    await page.route('**/api/v1/availability?*', route => route.abort('connectionrefused'));
    await page.getByRole('button', {name: 'Try again'}).click();
    await page.locator('#results .error', {hasText: 'We cannot check stock right now.'}).waitFor();

    await page.unroute('**/api/v1/availability?*');
    await page.getByRole('button', {name: 'Try again'}).click();
    await page.locator('#results ol.stores .store-name', {hasText: store.name}).first().waitFor();
  }, [/status of 429/, /Failed to load resource: net::ERR_CONNECTION_REFUSED/]);
});

test('the page is light for a slow phone and asks nothing of any other host', async () => {
  await withBrowser('lookup-weight', HANDHELD, async ({page}) => {
    const responses = [];
    page.on('response', r => responses.push(r));
    await page.goto('/', {waitUntil: 'networkidle'});
    const origin = new URL(page.url()).origin;
    assert.deepEqual(responses.map(r => r.url()).filter(u => !u.startsWith(origin)), [], 'no request leaves the server');
    let bytes = 0;
    for (const r of responses) {
      bytes += (await r.body()).length;
    }
    assert.ok(responses.length <= 6, `${responses.length} requests: ${responses.map(r => r.url()).join(', ')}`);
    assert.ok(bytes < 64 * 1024, `the page weighs ${bytes} bytes`);
  });
});
