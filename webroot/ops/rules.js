// Sourcing rules. Admins edit the active rule set as JSON, validate it (POST /api/v1/sourcing/rules/validate), see
// what changed against the active version, activate it (PUT), and roll back by activating an older version.
// Customer service cannot read or change rules (the API refuses them) but may simulate where an order would go.
import {call, esc} from '/shared/api.js';
import {badge, formValues, problem, when} from './common.js';
import {explain} from './explain.js';

export function render(view, _rest, _query, ctx) {
  view.innerHTML = `
    <h2>Sourcing rules</h2>
    ${ctx.admin ? `
      <section class="card" id="rules-active" aria-live="polite"></section>
      <section class="card">
        <h3>Edit a new version</h3>
        <label for="rules-draft">Rule set (JSON)</label>
        <textarea id="rules-draft" rows="18" spellcheck="false" autocapitalize="off"
          aria-describedby="rules-help"></textarea>
        <p id="rules-help" class="muted small">Filters: capability, minAts, maxDistanceKm (value),
          storeCapacity, excludeLocations (locations). Scores (weight): shippingCost, distance, overstock,
          locationPriority, splitPenalty. Validate to see what changes before activating.</p>
        <div class="buttons">
          <button type="button" id="validate-rules">Validate and show changes</button>
          <button type="button" id="activate-rules" disabled>Activate this version</button>
          <button type="button" id="reset-rules" class="secondary">Start again from the active version</button>
        </div>
        <div id="rules-status" role="status" aria-live="polite"></div>
        <div id="rules-diff"></div>
      </section>` : `
      <p class="notice" data-testid="rules-read-only">Only admins can read and change the sourcing rules. You can
        simulate where an order would go with the active rules.</p>`}
    ${simulateForm(ctx)}
    ${ctx.admin ? '<section class="card"><h3>Versions</h3><div id="rules-versions"></div></section>' : ''}`;
  wireSimulate(ctx);
  if (ctx.admin) {
    editor(ctx);
  }
}

// ------------------------------------------------------------------------------------------------------ editor

function editor(ctx) {
  const draft = document.getElementById('rules-draft');
  const status = document.getElementById('rules-status');
  const diffBox = document.getElementById('rules-diff');
  const activateButton = document.getElementById('activate-rules');
  let active = null;
  let validated = null;

  const say = (html, announce) => {
    status.innerHTML = html;
    if (announce) {
      ctx.announce(announce);
    }
  };
  const failed = e => {
    if (!ctx.signedOut(e)) {
      say(problem(e, 'rules-error'));
    }
  };

  const load = async () => {
    try {
      const [current, versions] = await Promise.all([call('GET', '/api/v1/sourcing/rules'),
        call('GET', '/api/v1/sourcing/rules/versions?limit=20')]);
      active = current;
      draft.value = JSON.stringify(current.document, null, 2);
      validated = null;
      activateButton.disabled = true;
      diffBox.innerHTML = '';
      document.getElementById('rules-active').innerHTML = `<h3>Active version</h3>
        <p data-testid="active-version" data-version="${current.version}">Version ${current.version},
          “${esc(current.name)}”, activated ${esc(when(current.activatedAt))}
          (created by ${esc(current.createdBy)}).</p>`;
      document.getElementById('rules-versions').innerHTML = versionsTable(versions);
    } catch (e) {
      failed(e);
    }
  };

  draft.addEventListener('input', () => {
    if (validated) {
      validated = null;
      activateButton.disabled = true;
      say('<p class="muted">Changed since the last validation: validate again before activating.</p>');
    }
  });

  document.getElementById('validate-rules').addEventListener('click', async () => {
    diffBox.innerHTML = '';
    let candidate;
    try {
      candidate = JSON.parse(draft.value);
    } catch (e) {
      say(`<div class="error" role="alert" id="rules-error">Not valid JSON: ${esc(e.message)}</div>`);
      return;
    }
    try {
      const checked = await call('POST', '/api/v1/sourcing/rules/validate', candidate);
      const changes = diff(active.document, checked.document);
      diffBox.innerHTML = changesList(changes);
      if (changes.length === 0) {
        say('<p class="notice" data-testid="rules-valid">Valid, and the same as the active version: nothing to ' +
          'activate.</p>', 'Valid; no changes.');
        return;
      }
      validated = checked.document;
      activateButton.disabled = false;
      say(`<p class="ok" data-testid="rules-valid">Valid. ${changes.length} change(s) from version ${active.version}
        below; activate to use them for the next orders.</p>`, `Valid, ${changes.length} changes.`);
    } catch (e) {
      failed(e);
    }
  });

  activateButton.addEventListener('click', async () => {
    if (!validated) {
      return;
    }
    activateButton.disabled = true;
    try {
      const v = await call('PUT', '/api/v1/sourcing/rules', validated);
      await load();
      say(`<p class="ok" data-testid="rules-activated">Version ${v.version} (“${esc(v.name)}”) is active: new
        orders are sourced with it.</p>`, `Version ${v.version} is active.`);
    } catch (e) {
      activateButton.disabled = false;
      failed(e);
    }
  });

  document.getElementById('reset-rules').addEventListener('click', async () => {
    await load();
    say('<p class="muted">The editor shows the active version again.</p>', 'Editor reset.');
  });

  document.getElementById('rules-versions').addEventListener('click', async e => {
    const button = e.target.closest('[data-activate]');
    if (!button) {
      return;
    }
    button.disabled = true;
    try {
      const v = await call('POST', `/api/v1/sourcing/rules/versions/${button.dataset.activate}/activate`);
      await load();
      say(`<p class="ok" data-testid="rules-activated">Version ${v.version} (“${esc(v.name)}”) is active
        again.</p>`,
        `Rolled back to version ${v.version}.`);
      document.querySelector(`[data-activate]`)?.focus();
    } catch (err) {
      button.disabled = false;
      failed(err);
    }
  });

  load();
}

function versionsTable(versions) {
  return `<div class="scroll"><table data-testid="rules-versions">
    <thead><tr><th scope="col">Version</th><th scope="col">Name</th><th scope="col">Created</th>
      <th scope="col">Last activated</th><th scope="col">State</th></tr></thead>
    <tbody>${versions.map(v => `<tr data-testid="rules-version" data-version="${v.version}">
      <th scope="row">${v.version}</th><td>${esc(v.name)}</td>
      <td>${esc(when(v.createdAt))}<br><span class="muted small">${esc(v.createdBy)}</span></td>
      <td>${esc(when(v.activatedAt))}</td>
      <td>${v.active ? badge('active') : `<button type="button" class="secondary" data-activate="${v.version}">
        Activate version ${v.version}</button>`}</td></tr>`).join('')}
    </tbody></table></div>`;
}

/** Every difference between two JSON values, by path: [{path, kind: added|removed|changed, before, after}]. */
export function diff(before, after, path = '') {
  const isObject = v => v !== null && typeof v === 'object';
  if (Array.isArray(before) && Array.isArray(after)) {
    const out = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      out.push(...diff(before[i], after[i], `${path}[${i}]`));
    }
    return out;
  }
  if (isObject(before) && isObject(after) && !Array.isArray(before) && !Array.isArray(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap(k => diff(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (before === undefined) {
    return [{path, kind: 'added', after}];
  }
  if (after === undefined) {
    return [{path, kind: 'removed', before}];
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{path, kind: 'changed', before, after}];
}

function changesList(changes) {
  if (!changes.length) {
    return '';
  }
  const show = v => esc(JSON.stringify(v));
  return `<h4>What changes</h4><ul class="diff" data-testid="rules-diff">${changes.map(c => `
    <li data-testid="rules-change" data-kind="${c.kind}" data-path="${esc(c.path)}"><code>${esc(c.path)}</code>
      ${c.kind === 'added' ? `<span class="ok">added</span> ${show(c.after)}`
        : c.kind === 'removed' ? `<span class="bad">removed</span> (was ${show(c.before)})`
        : `changed from ${show(c.before)} to ${show(c.after)}`}</li>`).join('')}</ul>`;
}

// ---------------------------------------------------------------------------------------------------- simulate

function simulateForm(ctx) {
  return `<section class="card"><h3>Simulate an order</h3>
    <p class="muted">Plans a sample order against live stock without reserving anything.</p>
    <form id="simulate-form">
      <div class="row">
        <div><label for="sim-sku">SKU</label><input id="sim-sku" name="sku" value="SKU-00042" required></div>
        <div><label for="sim-quantity">Quantity</label>
          <input id="sim-quantity" name="quantity" type="number" min="1" value="1" required></div>
        <div><label for="sim-method">Method</label>
          <select id="sim-method" name="method"><option value="ship">ship</option>
            <option value="pickup">pickup</option></select></div>
        <div><label for="sim-postal">Ship-to postal code</label>
          <input id="sim-postal" name="postalCode" value="10001" autocomplete="postal-code"></div>
        <div><label for="sim-pickup">Pickup store id</label><input id="sim-pickup" name="pickupLocationId"
          placeholder="S001"></div>
      </div>
      <div class="buttons">
        <button type="submit" name="with" value="active" id="simulate-active">Simulate with the active rules</button>
        ${ctx.admin ? '<button type="submit" name="with" value="draft" id="simulate-draft" class="secondary">' +
          'Simulate with the draft in the editor</button>' : ''}
      </div>
    </form>
    <div id="simulation" aria-live="polite"></div>
  </section>`;
}

function wireSimulate(ctx) {
  const form = document.getElementById('simulate-form');
  const out = document.getElementById('simulation');
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const values = formValues(form);
    const withDraft = e.submitter?.value === 'draft';
    const line = {sku: values.sku, quantity: Number(values.quantity), method: values.method};
    if (values.method === 'pickup') {
      line.pickupLocationId = values.pickupLocationId;
    }
    const body = {lines: [line]};
    if (values.method === 'ship') {
      body.shipTo = {name: 'Simulation', line1: 'Simulation', city: 'Simulation', region: 'Simulation',
        postalCode: values.postalCode};
    }
    try {
      if (withDraft) {
        body.rules = JSON.parse(document.getElementById('rules-draft').value);
      }
    } catch (err) {
      out.innerHTML = `<div class="error" role="alert">The draft is not valid JSON: ${esc(err.message)}</div>`;
      return;
    }
    out.innerHTML = '<p class="muted">Simulating…</p>';
    try {
      const sim = await call('POST', '/api/v1/sourcing/simulate', body);
      const where = [...new Set(sim.allocations.map(a => a.locationId))];
      const rules = sim.draft ? 'the draft rules' : `the active rules (version ${sim.rulesVersion})`;
      out.innerHTML = `<p data-testid="simulation-result" data-locations="${esc(where.join(' '))}"
        class="${sim.accepted ? 'ok' : 'bad'}"><strong>With ${esc(rules)}: ${sim.accepted
          ? `would be fulfilled from ${esc(where.join(', '))}` : 'would be refused for lack of stock'}.</strong></p>
        ${explain(sim.decision)}`;
      ctx.announce(`Simulation: ${sim.accepted ? `fulfilled from ${where.join(', ')}` : 'refused'}.`);
    } catch (err) {
      if (!ctx.signedOut(err)) {
        out.innerHTML = problem(err, 'simulation-error');
      }
    }
  });
  // Pickup needs a store, shipping a postal code: the other field is not used.
  const method = document.getElementById('sim-method');
  const sync = () => {
    document.getElementById('sim-postal').disabled = method.value !== 'ship';
    document.getElementById('sim-pickup').disabled = method.value !== 'pickup';
  };
  method.addEventListener('change', sync);
  sync();
}
