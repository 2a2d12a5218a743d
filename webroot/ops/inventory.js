// Inventory of one SKU across the network: GET /api/v1/inventory/{sku}, every position with its location.
import {call, esc} from '/shared/api.js';
import {locationsById, problem} from './common.js';

export function render(view, [sku], query, ctx) {
  const onlyStocked = query.get('stocked') === '1';
  view.innerHTML = `
    <h2>Inventory</h2>
    <form id="inventory-form" class="card row" role="search">
      <div><label for="inventory-sku">SKU</label>
        <input id="inventory-sku" name="sku" value="${esc(sku || '')}" placeholder="SKU-00001" required></div>
      <div><label class="check"><input type="checkbox" id="only-stocked" name="stocked"${onlyStocked ? ' checked' : ''}>
        Only positions with stock to sell</label></div>
      <div><button type="submit">Show stock</button></div>
    </form>
    <div id="inventory-result"></div>`;
  const form = document.getElementById('inventory-form');
  form.addEventListener('submit', e => {
    e.preventDefault();
    const value = form.sku.value.trim();
    if (value) {
      location.hash = `#/inventory/${encodeURIComponent(value)}${form.stocked.checked ? '?stocked=1' : ''}`;
    }
  });
  if (sku) {
    show(sku, onlyStocked, ctx);
  } else {
    form.sku.focus();
  }
}

async function show(sku, onlyStocked, ctx) {
  const out = document.getElementById('inventory-result');
  out.innerHTML = '<p class="muted" role="status">Loading…</p>';
  try {
    const path = encodeURIComponent(sku);
    const [inv, product, places] = await Promise.all([call('GET', `/api/v1/inventory/${path}`),
      call('GET', `/api/v1/products/${path}`).catch(() => null), locationsById()]);
    const t = inv.totals;
    const positions = inv.positions.filter(p => !onlyStocked || p.availableToSell > 0)
      .sort((a, b) => b.availableToSell - a.availableToSell || a.locationId.localeCompare(b.locationId));
    out.innerHTML = `
      <h3 data-testid="inventory-title">${esc(inv.sku)}${product ? ` — ${esc(product.name)}` : ''}</h3>
      <p data-testid="inventory-totals" role="status">${t.availableToSell} available to sell at
        ${t.locationsWithStock} of ${t.locations} locations; ${t.onHand} on hand, ${t.reserved} reserved,
        ${t.safetyStock} safety stock.</p>
      <div class="scroll"><table data-testid="positions">
        <caption>${positions.length} positions${onlyStocked ? ' with stock to sell' : ''}, most available first
        </caption>
        <thead><tr><th scope="col">Location</th><th scope="col">Type</th><th scope="col">On hand</th>
          <th scope="col">Reserved</th><th scope="col">Safety</th><th scope="col">Available</th></tr></thead>
        <tbody>${positions.map(p => {
          const l = places.get(p.locationId);
          return `<tr data-testid="position" data-location="${esc(p.locationId)}">
            <th scope="row">${esc(l?.name || p.locationId)} <span class="muted">${esc(p.locationId)}</span></th>
            <td>${esc(l?.type || '')}</td><td>${p.onHand}</td><td>${p.reserved}</td><td>${p.safetyStock}</td>
            <td class="${p.availableToSell ? '' : 'bad'}">${p.availableToSell}</td></tr>`;
        }).join('')}</tbody>
      </table></div>`;
  } catch (e) {
    if (!ctx.signedOut(e)) {
      out.innerHTML = problem(e, 'inventory-error');
    }
  }
}
