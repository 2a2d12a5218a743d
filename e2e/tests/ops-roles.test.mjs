// Roles in the ops console are the API's: customer service may simulate but not see or change rules; store roles
// may not use the console at all.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {DESKTOP, HANDHELD, newUser, withBrowser} from '../lib/aisle.mjs';
import {signInConsole} from '../lib/ops.mjs';

test('a CSR sees the rules page read-only and can still simulate', async () => {
  await withBrowser('ops-csr-rules', DESKTOP, async ({page}) => {
    await signInConsole(page, await newUser('csr'), '#/rules');
    await page.getByTestId('rules-read-only').waitFor();
    const controls = ['#rules-draft', '#validate-rules', '#activate-rules', '[data-activate]', '#simulate-draft'];
    for (const control of controls) {
      assert.equal(await page.locator(control).count(), 0, `no ${control} for a CSR`);
    }
    await page.getByRole('button', {name: 'Simulate with the active rules'}).click();
    const result = page.getByTestId('simulation-result');
    await result.waitFor();
    assert.match(await result.textContent(), /With the active rules \(version \d+\): would be fulfilled from/);
    assert.ok(await page.getByTestId('candidate').count() >= 1, 'the simulation explains itself');
  });
});

test('an associate is told the console is not for them, on every section', async () => {
  await withBrowser('ops-associate', HANDHELD, async ({page}) => {
    const associate = await newUser('associate', 'S001');
    await page.goto('/ops/');
    await page.getByLabel('User name').fill(associate.username);
    await page.getByLabel('Password').fill(associate.password);
    await page.getByRole('button', {name: 'Sign in'}).click();
    const refusal = page.locator('#not-allowed');
    await refusal.waitFor();
    assert.match(await refusal.textContent(), /Not allowed\..*associate/s);
    assert.equal(await page.getByRole('navigation', {name: 'Console sections'}).isVisible(), false);
    await page.goto('/ops/#/orders');
    await refusal.waitFor();
    assert.equal(await page.getByTestId('order-list').count(), 0);
    await page.getByRole('button', {name: 'Sign in as someone else'}).click();
    await page.getByLabel('User name').waitFor();
  });
});

test('a wrong password is said plainly', async () => {
  await withBrowser('ops-wrong-password', DESKTOP, async ({page}) => {
    await page.goto('/ops/');
    await page.getByLabel('User name').fill('admin');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', {name: 'Sign in'}).click();
    await page.getByText('Wrong user name or password.').waitFor();
  }, [/status of 401/]);  // the refused sign-in
});
