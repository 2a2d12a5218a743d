// Customer stock lookup: find a product by name or SKU, then the stores near a postal code (or the browser's
// location) that have it, with distance, today's opening hours and ship-to-home. The product, postal code and radius
// live in the URL hash (#sku=…&postalCode=…&radiusKm=…) so a lookup can be shared and reloaded.
import {call, ApiError, esc} from '../shared/api.js';

const $ = id => document.getElementById(id);
const MATCH_LIMIT = 8;
const DEBOUNCE_MS = 250;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_NAMES = {mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday',
  sun: 'Sunday'};

/** What the page is showing: the chosen product and where the customer is ({postalCode} or {lat, lon}). */
const state = {product: null, origin: null};
let searchTimer;
let searchAbort;
let lookupAbort;

// ------------------------------------------------------------------------------------------------ product search

$('q').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => search(false), DEBOUNCE_MS);
});

$('q').addEventListener('keydown', e => {
  if (e.key === 'ArrowDown') {
    const first = $('matches').querySelector('button');
    if (first) {
      e.preventDefault();
      first.focus();
    }
  }
});

$('search').addEventListener('submit', e => {
  e.preventDefault();
  clearTimeout(searchTimer);
  search(true);
});

$('matches').addEventListener('click', e => {
  const button = e.target.closest('button[data-sku]');
  if (button) {
    choose(JSON.parse(button.dataset.product), true);
  }
});

// Up and down move between the matches, like a list.
$('matches').addEventListener('keydown', e => {
  const buttons = [...$('matches').querySelectorAll('button')];
  const i = buttons.indexOf(document.activeElement);
  if (i < 0 || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) {
    return;
  }
  e.preventDefault();
  const next = e.key === 'ArrowDown' ? buttons[i + 1] : buttons[i - 1];
  (next || (e.key === 'ArrowUp' ? $('q') : buttons[i])).focus();
});

$('change').addEventListener('click', () => {
  $('q').focus();
  $('q').select();
});

/** Searches the catalog; {@code submitted} (Enter) picks the product at once when there is exactly one match. */
async function search(submitted) {
  const text = $('q').value.trim();
  searchAbort?.abort();
  if (text.length < 2) {
    $('matches').replaceChildren();
    $('search-status').textContent = submitted ? 'Type at least 2 letters of the name, or the SKU.' : '';
    return;
  }
  searchAbort = new AbortController();
  $('search-status').textContent = 'Searching…';
  try {
    const page = await call('GET', `/api/v1/products?q=${encodeURIComponent(skuCase(text))}&limit=${MATCH_LIMIT}`,
      undefined, {anonymous: true, signal: searchAbort.signal});
    const items = page.items.filter(p => p.active !== false);
    if (submitted && items.length === 1) {
      choose(items[0], true);
      return;
    }
    showMatches(text, items, page.nextCursor);
  } catch (e) {
    if (e.name !== 'AbortError') {
      $('matches').replaceChildren();
      $('search-status').innerHTML = `<span class="bad">${esc(friendly(e))}</span>`;
    }
  }
}

/** SKUs are upper case and matched exactly; names match in any case, so "sku-00042" may be typed too. */
function skuCase(text) {
  return /^[a-z]{2,}-?\d+$/i.test(text) ? text.toUpperCase() : text;
}

function showMatches(text, items, more) {
  if (!items.length) {
    $('matches').replaceChildren();
    $('search-status').textContent = `No product matches “${text}”. Try part of the name, or a SKU like SKU-00042.`;
    return;
  }
  $('search-status').textContent = `${items.length}${more ? '+' : ''} ${items.length === 1 ? 'product matches'
    : 'products match'} “${text}”${more ? `; showing the first ${items.length}, type more to narrow` : ''}.`;
  $('matches').innerHTML = items.map(p => `<li><button type="button" class="match" data-sku="${esc(p.sku)}"
      data-product="${esc(JSON.stringify(p))}"><span class="match-name">${esc(p.name)}</span>
      <span class="muted small">${esc(p.sku)} · ${price(p)}</span></button></li>`).join('');
}

/** Makes {@code product} the one looked up; {@code byUser} moves on to the location (or looks up right away). */
function choose(product, byUser) {
  state.product = product;
  $('matches').replaceChildren();
  $('search-status').textContent = '';
  $('q').value = product.name;
  $('chosen-name').textContent = product.name;
  $('chosen-meta').textContent = `${product.sku} · ${price(product)}`;
  $('chosen').hidden = false;
  if (!byUser) {
    return;
  }
  writeHash();
  if (state.origin) {
    lookup(true);
  } else {
    announce(`Chosen: ${product.name}. Now enter your postal code or use your location.`, false);
    $('postal').focus();
  }
}

function price(p) {
  return new Intl.NumberFormat('en-US', {style: 'currency', currency: p.currency || 'USD'})
    .format(p.priceCents / 100);
}

// ------------------------------------------------------------------------------------------------ where

$('where').addEventListener('submit', e => {
  e.preventDefault();
  const postalCode = $('postal').value.trim();
  if (!postalCode) {
    postalError('Enter your postal code, or use your location.');
    return;
  }
  state.origin = {postalCode};
  writeHash();
  lookup(true);
});

$('postal').addEventListener('input', () => postalError(null));

$('radius').addEventListener('change', () => {
  if (state.origin && state.product) {
    writeHash();
    lookup(false);
  }
});

$('locate').addEventListener('click', () => {
  postalError(null);
  if (!window.isSecureContext || !navigator.geolocation) {
    showProblem('Your browser cannot share your location on this page. Enter your postal code instead.');
    return;
  }
  announce('Finding your location…');
  navigator.geolocation.getCurrentPosition(position => {
    state.origin = {lat: position.coords.latitude, lon: position.coords.longitude};
    $('postal').value = '';
    writeHash();
    lookup(true);
  }, error => {
    announce('');
    showProblem({
      1: 'You did not allow this page to use your location. Enter your postal code instead, or allow location in '
        + 'your browser’s settings.',
      3: 'Finding your location took too long. Try again, or enter your postal code.',
    }[error.code] || 'Your location is not available right now. Enter your postal code instead.');
  }, {enableHighAccuracy: false, timeout: 15000, maximumAge: 300000});
});

/** Shows (or with null clears) the postal code's error under the field. */
function postalError(message) {
  $('postal-error').textContent = message || '';
  $('postal-error').hidden = !message;
  $('postal').toggleAttribute('aria-invalid', !!message);
  if (message) {
    $('postal').focus();
  }
}

// ------------------------------------------------------------------------------------------------ lookup

/** Asks the availability API; {@code focusResults} moves the keyboard to the answer (a customer's own request). */
async function lookup(focusResults) {
  if (!state.product) {
    announce('');
    $('search-status').innerHTML = '<span class="bad">Choose a product first.</span>';
    $('q').focus();
    return;
  }
  if (!state.origin) {
    return;
  }
  lookupAbort?.abort();
  lookupAbort = new AbortController();
  const radiusKm = Number($('radius').value);
  const where = state.origin.postalCode
    ? `postalCode=${encodeURIComponent(state.origin.postalCode)}`
    : `lat=${state.origin.lat.toFixed(5)}&lon=${state.origin.lon.toFixed(5)}`;
  announce(`Checking stores ${near()}…`);
  $('results').setAttribute('aria-busy', 'true');
  try {
    const answer = await call('GET', `/api/v1/availability?sku=${encodeURIComponent(state.product.sku)}&${where}`
      + `&radiusKm=${radiusKm}`, undefined, {anonymous: true, signal: lookupAbort.signal});
    showAvailability(answer);
    if (focusResults) {
      $('results-title').focus();
    }
  } catch (e) {
    if (e.name === 'AbortError') {
      return;
    }
    const field = e instanceof ApiError && e.errors.find(f => f.field === 'postalCode');
    if (field) {
      announce('');
      $('results').hidden = true;
      postalError(capitalise(field.message));
    } else {
      showProblem(friendly(e), true);
    }
  } finally {
    $('results').removeAttribute('aria-busy');
  }
}

function near() {
  return state.origin.postalCode ? `near ${state.origin.postalCode}` : 'near your location';
}

/** The answer: a summary, ship-to-home, the stores with it (nearest first), the stores without it, a small map. */
function showAvailability(a) {
  const sku = state.product.sku;
  const itemAt = s => s.items.find(i => i.sku === sku);
  const withIt = a.stores.filter(s => itemAt(s).band !== 'out-of-stock');
  const without = a.stores.filter(s => itemAt(s).band === 'out-of-stock');
  const ship = a.shipToHome.find(i => i.sku === sku);
  const numbers = new Map(a.stores.map(s => [s.locationId, withIt.includes(s) ? withIt.indexOf(s) + 1 : null]));
  const wider = nextRadius(a.radiusKm);
  let summary;
  if (withIt.length) {
    const first = withIt[0];
    summary = `<p class="summary ok-box">Nearest store with it: <strong>${esc(first.name)}</strong>,
      ${distance(first.distanceKm)}. ${a.stores.length === 1 ? `It is the only store within ${a.radiusKm} km.`
        : `${withIt.length} of the ${a.stores.length} nearest stores ${withIt.length === 1 ? 'has' : 'have'} it.`}</p>`;
  } else {
    summary = `<div class="notice nothing-near"><p><strong>Out of stock near you.</strong> ${a.stores.length
      ? `None of the ${a.stores.length} ${a.stores.length === 1 ? 'store' : 'stores'} within ${a.radiusKm} km has it.`
      : `There is no Aisle store within ${a.radiusKm} km.`}
      ${ship.band !== 'out-of-stock' ? 'You can still have it shipped to your home.' : ''}</p>
      ${wider ? `<button type="button" class="secondary" data-radius="${wider}">Look within ${wider} km</button>`
        : ''}</div>`;
  }
  $('results').innerHTML = `
    <h2 id="results-title" tabindex="-1">${esc(state.product.name)} ${esc(near())}</h2>
    ${summary}
    ${shipToHome(ship)}
    <div class="layout">
      <div class="lists">
        ${withIt.length ? `<h3>In stock for pickup</h3>
          <ol class="stores">${withIt.map(s => storeItem(s, itemAt(s), numbers.get(s.locationId))).join('')}</ol>`
          : ''}
        ${without.length ? `<h3>${withIt.length ? 'Also nearby, out of stock' : 'Stores we checked'}</h3>
          <ul class="stores none">${without.map(outOfStockItem).join('')}</ul>` : ''}
      </div>
      ${a.stores.length ? map(a, numbers) : ''}
    </div>`;
  $('results').hidden = false;
  announce(withIt.length
    ? `${withIt.length} of ${a.stores.length} stores ${near()} have ${state.product.name}. Nearest: `
      + `${withIt[0].name}, ${distance(withIt[0].distanceKm)}.`
    : `Out of stock near you. ${ship.band !== 'out-of-stock' ? 'Available to ship to your home.' : ''}`, false);
}

$('results').addEventListener('click', e => {
  const button = e.target.closest('button[data-radius]');
  if (button) {
    $('radius').value = button.dataset.radius;
    writeHash();
    lookup(true);
  }
  if (e.target.closest('button[data-retry]')) {
    lookup(true);
  }
});

function nextRadius(km) {
  return [...$('radius').options].map(o => Number(o.value)).find(v => v > km);
}

function shipToHome(ship) {
  const text = {
    'in-stock': 'Available to ship to your home',
    'low-stock': ship.available != null ? `Only ${ship.available} left to ship to your home`
      : 'Only a few left to ship to your home',
    'out-of-stock': 'Not available to ship to your home right now',
  }[ship.band];
  return `<p class="card ship ${ship.band}"><span class="icon" aria-hidden="true">${ship.band === 'out-of-stock'
    ? '✕' : '✓'}</span> <strong>Ship to home:</strong> ${text}.</p>`;
}

function storeItem(s, item, number) {
  const a = s.address;
  const today = todayAt(s);
  return `<li class="card store" data-location-id="${esc(s.locationId)}">
    <div class="store-head">
      ${number ? `<span class="pin" aria-hidden="true">${number}</span>` : ''}
      <h4 class="store-name">${esc(s.name)}</h4>
      <span class="distance">${distance(s.distanceKm)}</span>
    </div>
    <p class="stock ${item.band}"><span class="badge">${band(item)}</span></p>
    <p class="address">${esc(a.line1)}, ${esc(a.city)}, ${esc(a.region)} ${esc(a.postalCode)}</p>
    <p class="today">Today (${DAY_NAMES[today.day]}): ${hoursText(s.openingHours[today.day])} ·
      <strong class="${today.open ? 'ok' : 'bad'}">${today.open ? 'Open now' : 'Closed now'}</strong></p>
    <details><summary>Opening hours this week</summary>
      <table class="hours"><caption class="visually-hidden">Opening hours of ${esc(s.name)}, local time
        (${esc(s.timezone)})</caption>
        ${DAYS.map(d => `<tr${d === today.day ? ' class="is-today"' : ''}><th scope="row">${DAY_NAMES[d]}</th>
          <td>${hoursText(s.openingHours[d])}</td></tr>`).join('')}
      </table></details>
  </li>`;
}

function outOfStockItem(s) {
  return `<li class="store compact" data-location-id="${esc(s.locationId)}"><span class="store-name">${esc(s.name)}</span>
    <span class="distance">${distance(s.distanceKm)}</span> <span class="stock out-of-stock"><span class="badge">Out of
    stock</span></span></li>`;
}

function band(item) {
  const count = item.available != null ? item.available : null;
  switch (item.band) {
    case 'in-stock':
      return count != null ? `In stock · ${count} available` : 'In stock';
    case 'low-stock':
      return count != null ? `Low stock · only ${count} left` : 'Low stock';
    default:
      return 'Out of stock';
  }
}

function distance(km) {
  return `${km.toFixed(1)} km (${(km / 1.609344).toFixed(1)} mi)`;
}

/** The store's weekday now and whether it is open, in the store's own time zone. */
function todayAt(store) {
  const format = {weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'};
  let clock;
  try {
    clock = new Intl.DateTimeFormat('en-US', {...format, timeZone: store.timezone});
  } catch {
    clock = new Intl.DateTimeFormat('en-US', format); // an unknown zone: the customer's own is the best guess
  }
  const parts = Object.fromEntries(clock.formatToParts(new Date()).map(p => [p.type, p.value]));
  const day = parts.weekday.toLowerCase().slice(0, 3);
  const minutes = Number(parts.hour) * 60 + Number(parts.minute);
  const yesterday = DAYS[(DAYS.indexOf(day) + 6) % 7];
  return {day, open: isOpen(store.openingHours[day], minutes, false)
      || isOpen(store.openingHours[yesterday], minutes + 24 * 60, true)};
}

/** "09:00-21:00" (or "22:00-02:00" past midnight) contains {@code minutes}; {@code late} checks only the spill-over. */
function isOpen(hours, minutes, late) {
  const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(hours || '');
  if (!m) {
    return false;
  }
  const from = Number(m[1]) * 60 + Number(m[2]);
  let to = Number(m[3]) * 60 + Number(m[4]);
  if (to <= from) {
    to += 24 * 60;
  }
  return (!late || to > 24 * 60) && minutes >= from && minutes < to;
}

function hoursText(hours) {
  if (!hours || hours === 'closed') {
    return 'Closed';
  }
  return hours === '00:00-24:00' ? 'Open 24 hours' : esc(hours.replace('-', '–'));
}

/** A drawn map: the customer at the centre, the search circle, the stores as dots (numbered when they have it). */
function map(a, numbers) {
  const r = 90;
  const cos = Math.cos(a.origin.lat * Math.PI / 180);
  const at = s => [(s.lon - a.origin.lon) * 111.32 * cos / a.radiusKm * r, -(s.lat - a.origin.lat) * 110.57
    / a.radiusKm * r];
  const dots = a.stores.slice().reverse().map(s => {
    const [x, y] = at(s);
    const n = numbers.get(s.locationId);
    return n ? `<g class="dot has"><circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="7"/><text x="${x.toFixed(1)}"
      y="${(y + 3.5).toFixed(1)}">${n}</text></g>`
      : `<circle class="dot none" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4"/>`;
  }).join('');
  return `<figure class="map" aria-hidden="true">
    <svg viewBox="-100 -100 200 200" focusable="false">
      <circle class="range" r="${r}"/>
      <text class="scale" x="0" y="${-r + 10}">${a.radiusKm} km</text>
      ${dots}
      <g class="you"><circle r="5"/><text y="17">You</text></g>
    </svg>
    <figcaption class="small muted">Numbered: stores with it. Grey: out of stock.</figcaption>
  </figure>`;
}

/** Tells screen readers (and, when {@code visible}, everyone) what just happened; '' clears it. */
function announce(text, visible = true) {
  $('status').textContent = text;
  $('status').classList.toggle('visually-hidden', !visible);
}

/** A problem not tied to a field: shown in the results area with a retry when asking again may help. */
function showProblem(message, retry) {
  announce('');
  $('results').innerHTML = `<div class="error" role="alert"><p>${esc(message)}</p>
    ${retry ? '<button type="button" class="secondary" data-retry>Try again</button>' : ''}</div>`;
  $('results').hidden = false;
}

/** What to tell a customer about a failed call. */
function friendly(e) {
  if (e instanceof ApiError) {
    if (e.status === 429) {
      return `Lots of people are checking stock right now. Please try again in ${e.retryAfter || 'a few'} seconds.`;
    }
    if (e.status === 404 && e.errors.some(f => f.field === 'sku')) {
      return 'This product is no longer in our catalog. Please search again.';
    }
    if (e.status === 0 || e.status >= 500) {
      return 'We cannot check stock right now. Please try again in a moment.';
    }
  }
  return capitalise(e.message);
}

function capitalise(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : '';
}

// ------------------------------------------------------------------------------------------------ the URL hash

function writeHash() {
  const h = new URLSearchParams();
  if (state.product) {
    h.set('sku', state.product.sku);
  }
  if (state.origin?.postalCode) {
    h.set('postalCode', state.origin.postalCode);
  }
  h.set('radiusKm', $('radius').value);
  history.replaceState(null, '', `#${h}`);
}

/** Restores a shared or reloaded lookup from the hash. */
async function readHash() {
  const h = new URLSearchParams(location.hash.slice(1));
  if (h.get('radiusKm') && [...$('radius').options].some(o => o.value === h.get('radiusKm'))) {
    $('radius').value = h.get('radiusKm');
  }
  if (h.get('postalCode')) {
    $('postal').value = h.get('postalCode');
    state.origin = {postalCode: h.get('postalCode')};
  }
  const sku = h.get('sku');
  if (sku && sku !== state.product?.sku) {
    try {
      choose(await call('GET', `/api/v1/products/${encodeURIComponent(sku)}`, undefined, {anonymous: true}), false);
    } catch (e) {
      $('search-status').innerHTML = `<span class="bad">${esc(e.status === 404
        ? `There is no product ${sku}. Search for it by name.` : friendly(e))}</span>`;
      return;
    }
  }
  if (state.product && state.origin) {
    lookup(false);
  }
}

window.addEventListener('hashchange', readHash);
readHash();
