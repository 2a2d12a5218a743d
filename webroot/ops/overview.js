// The live overview: GET /api/v1/ops/overview polled every few seconds, drawn as SVG charts with their numbers.
import {call, esc} from '/shared/api.js';
import {clock, problem} from './common.js';
import {bars, columns, share} from './charts.js';

const POLL_MS = 5000;
const WINDOWS = [15, 60, 240];

export function render(view, _rest, query, ctx) {
  const minutes = WINDOWS.includes(Number(query.get('minutes'))) ? Number(query.get('minutes')) : 60;
  view.innerHTML = `
    <h2>Live overview</h2>
    <div class="row toolbar">
      <div><label for="window">Window</label>
        <select id="window">${WINDOWS.map(m => `<option value="${m}"${m === minutes ? ' selected' : ''}>last ${m}
          minutes</option>`).join('')}</select></div>
      <p class="muted" id="updated">Loading…</p>
    </div>
    <div id="overview-error"></div>
    <div id="overview"></div>`;
  document.getElementById('window').addEventListener('change', e => {
    location.hash = `#/overview?minutes=${e.target.value}`;
  });
  let timer = null;
  let stopped = false;
  let lastSaid = '';
  let lastDrawn = '';
  const tick = async () => {
    try {
      const o = await call('GET', `/api/v1/ops/overview?minutes=${minutes}`);
      if (stopped) {
        return;
      }
      const data = JSON.stringify({...o, at: null});
      if (data !== lastDrawn) {
        draw(o);
        lastDrawn = data;
      }
      document.getElementById('overview-error').innerHTML = '';
      document.getElementById('updated').textContent = `Updated ${new Date(o.at).toLocaleTimeString()}; refreshes every
        ${POLL_MS / 1000} s.`;
      const said = `${o.orders} orders, ${o.lateTasks.total} late tasks, ${o.stockOuts.positionsOut} positions out`;
      if (said !== lastSaid) {
        ctx.announce(`Overview: ${said}.`);
        lastSaid = said;
      }
    } catch (e) {
      if (stopped || ctx.signedOut(e)) {
        return;
      }
      document.getElementById('overview-error').innerHTML = problem(e);
    }
    if (!stopped) {
      timer = setTimeout(tick, POLL_MS);
    }
  };
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** Redraws the charts; a link that had the keyboard focus keeps it. */
function draw(o) {
  const focused = document.activeElement?.closest('#overview') ? document.activeElement.getAttribute('href') : null;
  const perMinute = o.ordersPerMinute.map(m => ({label: clock(m.minute), value: m.orders}));
  const peak = perMinute.reduce((best, p) => (p.value > best.value ? p : best), {value: 0, label: ''});
  const last = perMinute[perMinute.length - 1];
  const late = o.lateTasks;
  const width = Math.max(280, Math.min(1000, document.getElementById('view').clientWidth - 40));
  const every = Math.ceil(o.minutes / Math.max(2, Math.floor(width / 70)) / 5) * 5;
  const outs = o.stockOuts;
  document.getElementById('overview').innerHTML = `
    <div class="tiles">
      <div class="tile"><span class="n" data-testid="kpi-orders">${o.orders}</span> orders in the last ${o.minutes}
        minutes</div>
      <div class="tile"><span class="n" data-testid="kpi-late">${late.total}</span> late tasks at ${late.stores}
        store(s)</div>
      <div class="tile"><span class="n" data-testid="kpi-stock-outs">${outs.positionsOut}</span> positions out of
        stock, ${outs.soldOut} SKU(s) sold out, of the ${outs.skusChecked} SKUs ordered</div>
    </div>
    <section class="card"><h3>Orders per minute</h3>
      ${columns(perMinute, {testid: 'chart-orders', every, width,
        label: `Orders per minute over the last ${o.minutes} minutes: ${o.orders} in all, peak ${peak.value}${
          peak.label ? ` at ${peak.label}` : ''}, ${last?.value ?? 0} in the current minute`})}
      <p class="muted small">Peak ${peak.value}${peak.label ? ` at ${esc(peak.label)}` : ''}; ${last?.value ?? 0} in the
        current minute.</p>
    </section>
    <div class="grid2">
      <section class="card"><h3>Lines by fulfilment method</h3>
        ${share(o.byMethod.map(s => ({key: s.key, value: s.count, text: `${s.units} units`})),
          {label: 'Order lines by fulfilment method', unit: 'lines', testid: 'share-method'})}</section>
      <section class="card"><h3>Allocations by location type</h3>
        ${share(o.byLocationType.map(s => ({key: s.key, value: s.count, text: `${s.units} units`})),
          {label: 'Allocations by location type', unit: 'allocations', testid: 'share-location'})}</section>
    </div>
    <section class="card"><h3>Late tasks by store</h3>
      ${bars(late.top.map(s => ({id: s.locationId, label: `${s.name} (${s.locationId})`, value: s.late})),
        {label: 'Late tasks by store', unit: 'late tasks', testid: 'late', width})}
      ${late.stores > late.top.length ? `<p class="muted small">${late.stores - late.top.length} more stores have late
        tasks.</p>` : ''}
    </section>
    <section class="card"><h3>Stock-outs among the SKUs ordered</h3>
      ${outs.top.length ? `<div class="scroll"><table data-testid="stock-outs">
        <thead><tr><th scope="col">SKU</th><th scope="col">Product</th><th scope="col">Positions out</th>
          <th scope="col">Available in the network</th></tr></thead>
        <tbody>${outs.top.map(s => `<tr data-testid="stock-out" data-sku="${esc(s.sku)}">
          <th scope="row"><a href="#/inventory/${encodeURIComponent(s.sku)}">${esc(s.sku)}</a></th>
          <td>${esc(s.name)}</td><td>${s.positionsOut} of ${s.positions}</td>
          <td>${s.availableToSell === 0 ? '<span class="bad">sold out</span>' : s.availableToSell}</td></tr>`).join('')}
        </tbody></table></div>` : '<p class="muted" data-testid="stock-outs">No stock-outs among the SKUs ordered.</p>'}
    </section>`;
  if (focused) {
    document.querySelector(`#overview a[href="${CSS.escape(focused)}"]`)?.focus();
  }
}
