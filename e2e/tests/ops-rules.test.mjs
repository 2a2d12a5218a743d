// The ops console's sourcing rules editor: a rules change made in the console changes where the next order goes.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {ADMIN_PASSWORD, DESKTOP, adminToken, ok, orderBody, placeOrder, storefrontKey, withBrowser}
  from '../lib/aisle.mjs';
import {activeRulesVersion, allocatedAt, expectOrderInConsole, signInConsole} from '../lib/ops.mjs';

const SKU = 'SKU-00077';

test('a rules change in the console changes where the next order goes, and rolling back restores it', async () => {
  const admin = await adminToken();
  const key = await storefrontKey();
  const before = await activeRulesVersion(admin);
  try {
    const first = await placeOrder(key, orderBody(`RULES-A-${Date.now()}`, [{sku: SKU, quantity: 1}]));
    const [winner] = allocatedAt(first);
    assert.ok(winner, 'the first order is allocated');

    await withBrowser('ops-rules', DESKTOP, async ({page}) => {
      await signInConsole(page, {username: 'admin', password: ADMIN_PASSWORD});
      const shown = await expectOrderInConsole(page, first.id, {status: 'allocated'});
      assert.deepEqual(shown.allocations, [winner], 'the console shows where the first order went');

      // Edit: never source from the first order's winner.
      await page.goto('/ops/#/rules');
      await page.getByTestId('active-version').waitFor();
      assert.equal(Number(await page.getByTestId('active-version').getAttribute('data-version')), before);
      const draft = page.getByLabel('Rule set (JSON)');
      const doc = JSON.parse(await draft.inputValue());
      doc.name = `no-${winner}`;
      doc.filters.push({type: 'excludeLocations', locations: [winner]});
      await draft.fill(JSON.stringify(doc, null, 2));

      // An invalid edit is refused with the field named, and cannot be activated.
      await draft.fill(JSON.stringify({...doc, maxSplits: -1}, null, 2));
      await page.getByRole('button', {name: 'Validate and show changes'}).click();
      await page.locator('#rules-error').waitFor();
      assert.match(await page.locator('#rules-error').textContent(), /maxSplits/);
      assert.equal(await page.getByRole('button', {name: 'Activate this version'}).isDisabled(), true);

      await draft.fill(JSON.stringify(doc, null, 2));
      await page.getByRole('button', {name: 'Validate and show changes'}).click();
      await page.getByTestId('rules-valid').waitFor();
      const changes = await page.getByTestId('rules-change').evaluateAll(items => items.map(i => ({
        path: i.dataset.path, kind: i.dataset.kind, text: i.textContent})));
      assert.ok(changes.some(c => c.path === 'name' && c.kind === 'changed'), JSON.stringify(changes));
      assert.ok(changes.some(c => c.kind === 'added' && c.path.startsWith('filters[') && c.text.includes(winner)),
        `the diff shows the exclusion: ${JSON.stringify(changes)}`);
      assert.equal(changes.length, 2, 'nothing else changes');

      // The draft, simulated before it is active, already avoids the winner.
      await page.getByLabel('SKU', {exact: true}).fill(SKU);
      await page.getByRole('button', {name: 'Simulate with the draft in the editor'}).click();
      const drafted = page.getByTestId('simulation-result');
      await drafted.waitFor();
      assert.match(await drafted.textContent(), /With the draft rules/);
      assert.ok(!(await drafted.getAttribute('data-locations')).split(' ').includes(winner));
      assert.equal(await activeRulesVersion(admin), before, 'simulating activates nothing');

      await page.getByRole('button', {name: 'Activate this version'}).click();
      await page.getByTestId('rules-activated').waitFor();
      const next = await activeRulesVersion(admin);
      assert.ok(next > before, 'a new version is active');
      assert.equal(Number(await page.getByTestId('active-version').getAttribute('data-version')), next);

      // So does a simulation with the active rules now.
      await page.getByLabel('SKU', {exact: true}).fill(SKU);
      await page.getByRole('button', {name: 'Simulate with the active rules'}).click();
      await page.getByTestId('simulation-result').filter({hasText: 'With the active rules'}).waitFor();
      const result = page.getByTestId('simulation-result');
      await result.waitFor();
      const simulated = (await result.getAttribute('data-locations')).split(' ');
      assert.ok(simulated.length && !simulated.includes(winner), `simulated at ${simulated}`);

      // The next order goes elsewhere, and the console says why the old winner was not used.
      const second = await placeOrder(key, orderBody(`RULES-B-${Date.now()}`, [{sku: SKU, quantity: 1}]));
      const now = allocatedAt(second);
      assert.ok(now.length && !now.includes(winner), `the next order avoids ${winner}: ${now}`);
      const seen = await expectOrderInConsole(page, second.id, {status: 'allocated'});
      assert.deepEqual(seen.allocations, now);
      assert.match(seen.summary, new RegExp(`no-${winner}`), 'the explanation names the rule set used');
      const excluded = page.locator(`[data-testid=candidate][data-location="${winner}"]`);
      if (await excluded.count()) {
        assert.match(await excluded.textContent(), /Filtered out: excluded by the rules/);
      } else {
        assert.match(await page.getByTestId('not-listed').first().textContent(), /excluded by the rules/);
      }

      // Roll back from the versions list.
      await page.goto('/ops/#/rules');
      await page.getByRole('button', {name: `Activate version ${before}`}).click();
      await page.getByTestId('rules-activated').waitFor();
      assert.equal(await activeRulesVersion(admin), before, 'the old version is active again');
      assert.equal(Number(await page.getByTestId('active-version').getAttribute('data-version')), before);
    }, [/status of 422/]);  // the invalid draft, refused on purpose
  } finally {
    if (await activeRulesVersion(admin) !== before) {
      await ok('POST', `/api/v1/sourcing/rules/versions/${before}/activate`, {auth: admin}, 200);
    }
  }
});
