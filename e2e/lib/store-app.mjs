// The associate handheld app (/store/) as tests drive it: find stock and plan an order that a store will fulfil,
// sign an associate in, work a task by scanning, and check what the API says afterwards.
import assert from 'node:assert/strict';
import {adminToken, api, newUser, ok, placeOrder, storefrontKey, orderBody} from './aisle.mjs';

let serial = 0;

/** A unique order number. */
export function orderNumber(prefix) {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${serial++}`;
}

/** The product: {sku, name, upc}. */
export async function product(sku) {
  return ok('GET', `/api/v1/products/${sku}`, {}, 200);
}

/**
 * SKUs with at least {@code quantity} units available to sell at {@code storeId}, searched from SKU number
 * {@code from} on (past the doorbusters); {@code count} of them.
 */
export async function stockedAt(storeId, quantity, count, from) {
  const token = await adminToken();
  const found = [];
  for (let i = from; found.length < count && i < from + 400; i++) {
    const sku = `SKU-${String(i).padStart(5, '0')}`;
    const view = await ok('GET', `/api/v1/inventory/${sku}`, {auth: token}, 200);
    if (view.positions.some(p => p.locationId === storeId && p.availableToSell >= quantity)) {
      found.push(sku);
    }
  }
  assert.equal(found.length, count, `${count} SKUs with ${quantity} units at ${storeId}`);
  return found;
}

/**
 * A ship-to-customer order (lines of {@code quantities} units, SKUs from number {@code from} on) that the sourcing
 * rules send to one store: simulated first, so the associate can be signed in before the order exists. Returns
 * {storeId, body, skus}.
 */
export async function shipFromStorePlan(prefix, quantities, from, postalCode = '11414') {
  const token = await adminToken();
  for (let i = from; i < from + 200; i += quantities.length) {
    const skus = quantities.map((_, k) => `SKU-${String(i + k).padStart(5, '0')}`);
    const body = orderBody(orderNumber(prefix), skus.map((sku, k) => ({sku, quantity: quantities[k], method: 'ship'})),
      postalCode);
    const plan = await api('POST', '/api/v1/sourcing/simulate', {auth: token, body});
    const at = new Set((plan.body?.allocations || []).map(a => a.locationId));
    const store = [...at][0];
    if (plan.status === 200 && plan.body.accepted && at.size === 1 && /^S\d+$/.test(store)
      && plan.body.allocations.length === quantities.length) {
      return {storeId: store, body, skus};
    }
  }
  throw new Error('no order found that one store fulfils');
}

/** An associate of the store, signed up through the admin API: {username, password}. */
export function associateOf(storeId) {
  return newUser('associate', storeId);
}

/** Signs in on /store/ with the keyboard only (Tab and Enter) and waits for the task queue. */
export async function signInByKeyboard(page, user) {
  await page.goto('/store/');
  await page.locator('#username').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'username', 'the username field has focus');
  await page.keyboard.type(user.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(user.password);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Sign in');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', {name: /Tasks to do/}).waitFor();
}

/** Signs in on /store/ (mouse and typing) and waits for the task queue. */
export async function signIn(page, user) {
  await page.goto('/store/');
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', {name: 'Sign in'}).click();
  await page.getByRole('heading', {name: /Tasks to do/}).waitFor();
}

/** The store's task of the order, as the API has it (waits for it to exist). */
export async function taskOf(token, storeId, orderId) {
  for (let i = 0; i < 50; i++) {
    let cursor = '';
    do {
      const page = await ok('GET', `/api/v1/stores/${storeId}/tasks?all=true&limit=500${cursor}`, {auth: token}, 200);
      const task = page.items.find(t => t.orderId === orderId);
      if (task) {
        return task;
      }
      cursor = page.nextCursor ? `&cursor=${encodeURIComponent(page.nextCursor)}` : '';
    } while (cursor);
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`no task for order ${orderId} at ${storeId}`);
}

/** Opens the task from the queue (waiting for it to arrive live), claims it, and waits for the scan field's focus. */
export async function openAndClaim(page, taskId) {
  const card = page.locator(`a[data-task-id="${taskId}"]`);
  await card.waitFor({timeout: 5_000});
  await card.click();
  await page.getByRole('button', {name: 'Claim this task'}).click();
  await page.waitForFunction(() => document.activeElement?.id === 'scan');
}

/** Presses Tab until the element matching {@code selector} has focus (fails after 30 presses). */
export async function tabTo(page, selector) {
  for (let i = 0; i < 30; i++) {
    if (await page.evaluate(s => document.activeElement?.matches(s), selector)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}

/** Types a barcode into the focused scan field and presses Enter, as a keyboard-wedge scanner does. */
export async function scan(page, code) {
  assert.equal(await page.evaluate(() => document.activeElement.id), 'scan', 'the scan field has focus');
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

/** The progress the pick list shows for a line ("1 / 2"), found by SKU. */
export async function progressOf(page, sku) {
  return (await page.locator(`#pick-list li[data-sku="${sku}"] .progress`).innerText()).replace('✓', '').trim();
}

/**
 * The whole ship-from-store flow on the handheld, asserting what the associate sees and what the API says: a
 * storefront order appears on the signed-in associate's queue without a reload; the associate claims it, scans
 * every unit (walking the pick list in bin order), packs, opens label and packing slip (PDFs), ships; the task is
 * shipped and the order shipped. Returns {orderId, taskId, storeId, user}.
 */
export async function shipFromStoreFlow(page, {from = 300, keyboard = false} = {}) {
  const plan = await shipFromStorePlan('STORE-SHIP', [2, 1], from);
  const user = await associateOf(plan.storeId);
  const token = (await ok('POST', '/api/v1/auth/token', {body: user}, 200)).token;
  await (keyboard ? signInByKeyboard(page, user) : signIn(page, user));

  const order = await placeOrder(await storefrontKey(), plan.body);
  assert.deepEqual(order.lines.flatMap(l => l.allocations.map(a => a.locationId)), [plan.storeId, plan.storeId]);
  const task = await taskOf(token, plan.storeId, order.id);
  const card = page.locator(`a[data-task-id="${task.id}"]`);
  await card.waitFor({timeout: 5_000});  // live from the feed: no reload
  assert.match(await card.innerText(), new RegExp(`Ship[\\s\\S]*Open[\\s\\S]*Order ${plan.body.externalId}`));

  if (keyboard) {
    await tabTo(page, `a[data-task-id="${task.id}"]`);
    await page.keyboard.press('Enter');
    await page.getByRole('button', {name: 'Claim this task'}).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'claim', 'Claim has focus');
    await page.keyboard.press('Enter');
  } else {
    await card.click();
    await page.getByRole('button', {name: 'Claim this task'}).click();
  }
  await page.locator('#scan').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'scan');

  // walking order: the pick list is sorted by the bins the API gives each line
  const bins = task.lines.map(l => l.bin);
  assert.ok(bins.every(b => /^A\d\d-\d\d$/.test(b)), `every demo line has a bin: ${bins}`);
  const shown = await page.locator('#pick-list li .bin').allInnerTexts();
  assert.deepEqual(shown, [...bins].sort());

  for (const line of task.lines) {
    for (let i = 1; i <= line.quantity; i++) {
      await scan(page, line.upc);
      await page.waitForFunction(([sku, text]) => document.querySelector(`#pick-list li[data-sku="${sku}"] .progress`)
        ?.textContent.includes(text), [line.sku, `${i} / ${line.quantity}`]);
    }
  }
  await page.getByRole('heading', {name: 'Pack'}).waitFor();
  await waitForApi(token, task.id, t => t.status === 'picked' && t.lines.every(l => l.picked === l.quantity));

  // press: a button by keyboard (Tab to it, Enter) or by mouse
  const press = async (selector, name) => {
    if (keyboard) {
      await tabTo(page, selector);
      await page.keyboard.press('Enter');
    } else {
      await page.getByRole('button', {name}).click();
    }
  };
  if (keyboard) {
    await page.waitForFunction(() => document.activeElement?.id === 'pack-count');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1.25');
    await page.keyboard.press('Enter');
  } else {
    await page.getByLabel('Weight (kg)').fill('1.25');
    await page.getByRole('button', {name: /Packed/}).click();
  }
  await page.locator('#label-1').waitFor();
  for (const [selector, name, path] of [['#label-1', 'Print label', 'label'],
    ['#packing-slip', 'Print packing slip', 'packing-slip']]) {
    const [response, popup] = await Promise.all([
      page.waitForResponse(r => r.url().includes(`/api/v1/tasks/${task.id}/${path}`)),
      page.waitForEvent('popup'),
      press(selector, name),
    ]);
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['content-type'], 'application/pdf');
    await popup.close();
  }
  await press('#ship', /Shipped/);
  await page.locator('#done').waitFor();
  assert.match(await page.locator('#done').innerText(), /shipped/);

  await waitForApi(token, task.id, t => t.status === 'shipped');
  const after = await ok('GET', `/api/v1/orders/${order.id}`, {auth: await adminToken()}, 200);
  assert.equal(after.status, 'shipped');
  return {orderId: order.id, taskId: task.id, storeId: plan.storeId, user};
}

/** Waits until the task, read through the API, satisfies {@code test}; returns it. */
export async function waitForApi(token, taskId, test, what = 'the task') {
  let task;
  for (let i = 0; i < 100; i++) {
    task = await ok('GET', `/api/v1/tasks/${taskId}`, {auth: token}, 200);
    if (test(task)) {
      return task;
    }
    await new Promise(r => setTimeout(r, 100));
  }
  assert.fail(`${what} never got there: ${JSON.stringify(task)}`);
}
