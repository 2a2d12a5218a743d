// Small helpers the console's sections share: names of locations, dates, status badges, error boxes.
import {call, describe, esc} from '/shared/api.js';

let locations;

/** Every location by id (loaded once: ~200 stores and a few DCs). */
export async function locationsById() {
  locations ??= call('GET', '/api/v1/locations?limit=1000').then(page => new Map(page.items.map(l => [l.id, l])))
    .catch(e => { locations = undefined; throw e; });
  return locations;
}

/** "Aisle Brooklyn NY (S001)", or the id alone when unknown. */
export function placeName(byId, id) {
  const l = byId?.get(id);
  return l ? `${l.name} (${id})` : id;
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'medium'}) : '';
}

export function clock(iso) {
  return new Date(iso).toLocaleTimeString(undefined, {hour: '2-digit', minute: '2-digit'});
}

const TONE = {shipped: 'ok', 'picked-up': 'ok', completed: 'ok', fulfilled: 'ok', cancelled: 'bad',
  backordered: 'warn', 'partly-allocated': 'warn', released: 'muted'};

export function badge(status, testid) {
  return `<span class="badge ${TONE[status] || ''}"${testid ? ` data-testid="${testid}"` : ''}>${esc(status)}</span>`;
}

/** An error box for a failed call; field errors are listed by name. */
export function problem(error, id) {
  return `<div class="error" role="alert" tabindex="-1"${id ? ` id="${id}"` : ''}>${esc(describe(error))}</div>`;
}

/** Reads a form's named inputs into an object of trimmed strings, leaving out the empty ones. */
export function formValues(form) {
  const out = {};
  for (const [k, v] of new FormData(form)) {
    if (String(v).trim() !== '') {
      out[k] = String(v).trim();
    }
  }
  return out;
}
