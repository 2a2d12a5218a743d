// Orders: search with the list filters (cursor paging), and one order's detail - lines, allocations, the event
// timeline, the routing explanation - with cancel (order or line) and a ship-to change.
import {call, esc} from '/shared/api.js';
import {badge, formValues, locationsById, placeName, problem, when} from './common.js';
import {explain} from './explain.js';

const STATUSES = ['allocated', 'backordered', 'in-fulfilment', 'partly-shipped', 'shipped', 'ready-for-pickup',
  'picked-up', 'completed', 'cancelled'];
const CANCELLABLE = ['allocated', 'backordered', 'in-fulfilment', 'ready-for-pickup'];
const BEFORE_FULFILMENT = ['allocated', 'backordered'];
const FILTERS = ['status', 'sku', 'customer', 'channel', 'location'];

export function render(view, [id], query, ctx) {
  if (id) {
    detail(view, id, ctx);
  } else {
    search(view, query, ctx);
  }
}

// ------------------------------------------------------------------------------------------------------ search

function search(view, query, ctx) {
  const input = (name, label) => `<div><label for="q-${name}">${label}</label>
    <input id="q-${name}" name="${name}" value="${esc(query.get(name) || '')}"></div>`;
  view.innerHTML = `
    <h2>Orders</h2>
    <form id="order-search" class="card" role="search">
      <div class="row">
        ${input('id', 'Order id')}
        <div><label for="q-status">Status</label>
          <select id="q-status" name="status"><option value="">any</option>
            ${STATUSES.map(s => `<option${query.get('status') === s ? ' selected' : ''}>${s}</option>`).join('')}
          </select></div>
        ${input('sku', 'SKU')}
        ${input('customer', 'Customer id')}
        ${input('channel', 'Channel')}
        ${input('location', 'Store or DC id')}
      </div>
      <p><button type="submit">Search</button></p>
    </form>
    <div id="order-results"></div>`;
  const form = document.getElementById('order-search');
  form.addEventListener('submit', e => {
    e.preventDefault();
    const values = formValues(form);
    if (values.id) {
      location.hash = `#/orders/${encodeURIComponent(values.id)}`;
      return;
    }
    const params = new URLSearchParams(values);
    location.hash = `#/orders?${params}`;
  });
  const filters = new URLSearchParams();
  FILTERS.forEach(f => query.get(f) && filters.set(f, query.get(f)));
  const results = document.getElementById('order-results');
  results.innerHTML = `<div class="scroll">
    <table data-testid="order-list">
      <caption>Newest first</caption>
      <thead><tr><th scope="col">Order</th><th scope="col">Status</th><th scope="col">Customer</th>
        <th scope="col">Channel</th><th scope="col">Created</th><th scope="col">Fulfilled from</th></tr></thead>
      <tbody></tbody>
    </table></div>
    <p id="order-count" class="muted" role="status"></p>
    <p><button type="button" id="more-orders" class="secondary" hidden>More orders</button></p>`;
  let cursor = null;
  let shown = 0;
  const more = document.getElementById('more-orders');
  const page = async () => {
    more.disabled = true;
    try {
      const params = new URLSearchParams(filters);
      params.set('limit', '25');
      if (cursor) {
        params.set('cursor', cursor);
      }
      const [list, places] = await Promise.all([call('GET', `/api/v1/orders?${params}`), locationsById()]);
      results.querySelector('tbody').insertAdjacentHTML('beforeend', list.items.map(o => row(o, places)).join(''));
      shown += list.items.length;
      cursor = list.nextCursor;
      more.hidden = !cursor;
      document.getElementById('order-count').textContent = shown ? `${shown} orders shown${cursor ? '' : ', no more'}.`
        : 'No orders match.';
    } catch (e) {
      if (!ctx.signedOut(e)) {
        results.insertAdjacentHTML('afterbegin', problem(e));
      }
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', page);
  page();
}

function row(o, places) {
  const from = [...new Set(o.lines.flatMap(l => l.allocations.filter(a => a.status !== 'released')
    .map(a => a.locationId)))];
  return `<tr data-testid="order-row" data-order="${esc(o.id)}">
    <th scope="row"><a href="#/orders/${esc(o.id)}">${esc(o.externalId)}</a>
      <div class="muted small">${esc(o.id)}</div></th>
    <td>${badge(o.status)}</td><td>${esc(o.customer?.name)} <span class="muted">${esc(o.customer?.id)}</span></td>
    <td>${esc(o.channel)}</td><td>${esc(when(o.createdAt))}</td>
    <td>${from.map(id => esc(placeName(places, id))).join('<br>')}</td>
  </tr>`;
}

// ------------------------------------------------------------------------------------------------------ detail

async function detail(view, id, ctx, message) {
  view.innerHTML = `<p><a href="#/orders">← All orders</a></p><p class="muted" role="status">Loading order…</p>`;
  let order;
  let routing;
  let places;
  try {
    [order, routing, places] = await Promise.all([call('GET', `/api/v1/orders/${encodeURIComponent(id)}`),
      call('GET', `/api/v1/orders/${encodeURIComponent(id)}/routing`), locationsById()]);
  } catch (e) {
    if (!ctx.signedOut(e)) {
      view.innerHTML = `<p><a href="#/orders">← All orders</a></p>${problem(e, 'order-error')}`;
    }
    return;
  }
  const ship = order.shipTo;
  const earlier = routing.history.slice(0, -1);
  view.innerHTML = `
    <p><a href="#/orders">← All orders</a></p>
    <h2>Order <span data-testid="order-external">${esc(order.externalId)}</span>
      ${badge(order.status, 'order-status')}</h2>
    <p class="muted">Id <span data-testid="order-id">${esc(order.id)}</span> · channel ${esc(order.channel)} ·
      created ${esc(when(order.createdAt))} · updated ${esc(when(order.updatedAt))} · rules version
      ${order.rulesVersion}</p>
    <div id="order-message">${message || ''}</div>
    <div class="grid2">
      <section class="card"><h3>Customer</h3>
        <p>${esc(order.customer?.name)} <span class="muted">(${esc(order.customer?.id)})</span><br>
        ${esc(order.customer?.email || '')} ${esc(order.customer?.phone || '')}</p></section>
      <section class="card"><h3>Ship to</h3>
        <p data-testid="ship-to">${ship ? `${esc(ship.name)}<br>${esc(ship.line1)}<br>
          ${esc(`${ship.city}, ${ship.region} ${ship.postalCode} ${ship.country || ''}`)}` : 'Nothing ships.'}</p>
      </section>
    </div>
    <section class="card"><h3>Lines</h3>${lines(order, places)}</section>
    <section class="card"><h3>Timeline</h3>${timeline(order)}</section>
    <section class="card"><h3>Why it goes where it goes</h3>
      ${explain(routing.current?.decision, routing.current
        ? `${routing.current.reason === 'capture' ? 'At capture' : `After ${routing.current.reason}`}, ${when(
          routing.current.at)}, rules version ${routing.current.rulesVersion}` : '')}
      ${earlier.length ? `<details><summary>${earlier.length} earlier decision(s)</summary>
        ${earlier.map(d => explain(d.decision, `${d.reason}, ${when(d.at)}, rules version ${d.rulesVersion}`))
          .join('')}</details>` : ''}
    </section>
    ${actions(order)}`;
  wire(view, order, ctx);
}

function lines(order, places) {
  const cancellable = CANCELLABLE.includes(order.status);
  return `<div class="scroll"><table data-testid="order-lines">
    <thead><tr><th scope="col">Line</th><th scope="col">SKU</th><th scope="col">Qty</th><th scope="col">Method</th>
      <th scope="col">Status</th><th scope="col">Allocations</th>${cancellable ? '<th scope="col">Change</th>' : ''}
    </tr></thead>
    <tbody>${order.lines.map(l => `
      <tr data-testid="order-line" data-line="${l.lineNo}">
        <th scope="row">${l.lineNo}</th><td>${esc(l.sku)}</td>
        <td>${l.quantity}${l.backordered ? `<br><span class="warn">${l.backordered} backordered</span>` : ''}${
          l.cancelled ? `<br><span class="bad">${l.cancelled} cancelled</span>` : ''}</td>
        <td>${esc(l.method)}${l.pickupLocationId ? ` at ${esc(placeName(places, l.pickupLocationId))}` : ''}</td>
        <td>${badge(l.status)}</td>
        <td><ul class="plain" data-testid="allocations">${l.allocations.map(a => `
          <li data-testid="allocation" data-location="${esc(a.locationId)}">${a.quantity} × ${esc(a.kind)} from
            ${esc(placeName(places, a.locationId))}${a.transferTo ? ` to ${esc(placeName(places, a.transferTo))}`
            : ''} ${badge(a.status)}</li>`).join('') || '<li class="muted">none</li>'}</ul></td>
        ${cancellable ? `<td>${l.status !== 'cancelled' && l.status !== 'fulfilled' ? `<button type="button"
          class="secondary" data-cancel-line="${l.lineNo}">Cancel line ${l.lineNo}</button>` : ''}</td>` : ''}
      </tr>`).join('')}
    </tbody></table></div>`;
}

function timeline(order) {
  const detailText = d => d == null ? '' : typeof d === 'object'
    ? Object.entries(d).filter(([, v]) => v != null).map(([k, v]) => `${k}: ${typeof v === 'object'
      ? JSON.stringify(v) : v}`).join(', ') : String(d);
  return `<ol class="timeline" data-testid="timeline">${(order.events || []).map(e => `
    <li data-testid="event" data-type="${esc(e.type)}"><time datetime="${esc(e.at)}">${esc(when(e.at))}</time>
      <strong>${esc(e.type)}</strong> <span class="muted">by ${esc(e.actor)}</span>
      ${e.detail != null ? `<div class="small muted">${esc(detailText(e.detail))}</div>` : ''}</li>`).join('')}
    </ol>`;
}

function actions(order) {
  const cancellable = CANCELLABLE.includes(order.status);
  const movable = BEFORE_FULFILMENT.includes(order.status) && order.shipTo;
  if (!cancellable && !movable) {
    return `<section class="card"><h3>Change the order</h3>
      <p class="muted" data-testid="no-changes">A ${esc(order.status)} order can no longer be changed.</p></section>`;
  }
  const s = order.shipTo || {};
  const field = (name, label, auto) => `<div><label for="ship-${name}">${label}</label>
    <input id="ship-${name}" name="${name}" value="${esc(s[name] || '')}" autocomplete="${auto}"></div>`;
  return `<section class="card"><h3>Change the order</h3>
    ${cancellable ? `
      <form id="cancel-form">
        <label for="cancel-reason">Reason for cancelling (optional)</label>
        <input id="cancel-reason" name="reason" maxlength="500">
        <p><button type="submit" class="danger" id="cancel-order">Cancel the whole order</button></p>
      </form>` : ''}
    ${movable ? `
      <form id="ship-to-form">
        <h4>New ship-to address</h4>
        <p class="muted">The shipped lines are sourced again from the new address.</p>
        <div class="row">
          ${field('name', 'Name', 'name')}${field('line1', 'Street', 'address-line1')}
          ${field('city', 'City', 'address-level2')}${field('region', 'State', 'address-level1')}
          ${field('postalCode', 'Postal code', 'postal-code')}${field('country', 'Country', 'country')}
        </div>
        <p><button type="submit" id="change-ship-to">Change address</button></p>
      </form>` : ''}
    <div id="action-error"></div>
  </section>`;
}

function wire(view, order, ctx) {
  const fail = e => {
    if (!ctx.signedOut(e)) {
      document.getElementById('action-error').innerHTML = problem(e);
      document.querySelector('#action-error .error')?.focus();
    }
  };
  const done = async (text) => {
    ctx.announce(text);
    await detail(view, order.id, ctx, `<p class="notice">${esc(text)}</p>`);
  };
  const path = `/api/v1/orders/${encodeURIComponent(order.id)}`;
  document.getElementById('cancel-form')?.addEventListener('submit', async e => {
    e.preventDefault();
    const reason = e.target.reason.value.trim();
    try {
      await call('POST', `${path}/cancel`, reason ? {reason} : undefined);
      await done('The order is cancelled; its stock is back for sale.');
    } catch (err) {
      fail(err);
    }
  });
  for (const button of view.querySelectorAll('[data-cancel-line]')) {
    button.addEventListener('click', async () => {
      const no = button.dataset.cancelLine;
      try {
        await call('POST', `${path}/lines/${no}/cancel`, {});
        await done(`Line ${no} is cancelled.`);
      } catch (err) {
        fail(err);
      }
    });
  }
  document.getElementById('ship-to-form')?.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await call('PUT', `${path}/ship-to`, formValues(e.target));
      await done('The address is changed and the order was sourced again.');
    } catch (err) {
      fail(err);
    }
  });
}
