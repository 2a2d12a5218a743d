// The associate's handheld app: the store's task queue, live from the device feed; claim, pick by scanning, short
// pick, pack and print, ship; stage, ready and hand over pickups. Every action goes through the outbox (outbox.js)
// and shows at once; it is sent when the connection allows, so a dropped connection loses nothing.
import {call, describe, fetchBlob, session, signIn, signOut} from '/shared/api.js';
import {Outbox, newKey} from './outbox.js';
import {Feed} from './feed.js';
import {scanOnce} from './camera.js';
import {DONE, lineForScan, project, queueOrder, units} from './tasks.js';
import {BOXES, clock, notFoundView, plural, queueView, signInView, taskView, typeOf} from './views.js';

const STORE_ROLES = ['associate', 'store-manager'];
const RETRY_MS = 3_000;

const main = document.getElementById('main');
const banner = document.getElementById('banner');
const message = document.getElementById('msg');
const conn = document.getElementById('conn');
const signOutButton = document.getElementById('sign-out');

/** Everything the screens are drawn from. */
const state = {
  session: null,
  tasks: new Map(),   // id → the server's copy
  stale: new Set(),   // ids the server changed while this device still had actions to send: read again after
  outbox: null,
  feed: null,
  feedState: 'connecting',
  netDown: false,     // the last request never reached the server (or the server was down)
  retryTimer: null,
  shortLine: null,    // the line whose short-pick form is open
  packCount: 1,
  invalid: null,      // the id of the field the last message is about
  labels: {},         // taskId → {label: [object URLs], slip: object URL}
};

const storage = {
  tasks: () => `aisle.store.tasks.${state.session.locationId}`,
  seq: () => `aisle.store.seq.${state.session.locationId}`,
  parcels: () => `aisle.store.parcels.${state.session.locationId}`,
};

// ------------------------------------------------------------------------------------------------ start and sign in

function start() {
  state.session = session();
  document.addEventListener('keydown', wedge);
  document.addEventListener('pointerdown', unlockAudio);
  document.addEventListener('keydown', unlockAudio);
  window.addEventListener('hashchange', () => render({moved: true}));
  window.addEventListener('online', backOnline);
  window.addEventListener('offline', () => render());
  signOutButton.addEventListener('click', () => {
    const waiting = state.outbox?.size || 0;
    leave();
    if (waiting) {
      say(`Signed out. Not sent yet, kept on this device until you sign in again: ${plural(waiting, 'action')}.`);
    }
  });
  setInterval(() => render(), 30_000);  // due times and late badges move with the clock
  if (state.session && STORE_ROLES.includes(state.session.role)) {
    open();
  } else {
    state.session = null;
    render({moved: true});
  }
}

/** Signed in: the outbox of this associate, the cached tasks, then the server's list and the live feed. */
function open() {
  const s = state.session;
  state.outbox = new Outbox(`aisle.store.outbox.${s.username}`);
  try {
    for (const t of JSON.parse(localStorage.getItem(storage.tasks())) || []) {
      state.tasks.set(t.id, t);
    }
  } catch { /* nothing cached */ }
  render({moved: true});
  loadTasks().then(() => flush());
  state.feed = new Feed({
    storeId: s.locationId,
    token: () => state.session.token,
    lastSeq: Number(localStorage.getItem(storage.seq()) || 0),
    saveSeq: seq => localStorage.setItem(storage.seq(), String(seq)),
    onEvent: feedEvent,
    onState: feedState,
  });
  state.feed.start();
}

async function loadTasks() {
  const signedIn = state.session;
  try {
    const fresh = new Map();
    let cursor = '';
    do {
      const page = await call('GET', `/api/v1/stores/${encodeURIComponent(signedIn.locationId)}/tasks?limit=500`
        + (cursor && `&cursor=${encodeURIComponent(cursor)}`));
      page.items.forEach(t => fresh.set(t.id, t));
      cursor = page.nextCursor;
    } while (cursor);
    if (state.session !== signedIn) {
      return;  // signed out meanwhile
    }
    state.netDown = false;
    for (const [id, t] of state.tasks) {
      if (!fresh.has(id) && state.outbox.forTask(id).length) {
        fresh.set(id, t);  // done or gone on the server, but this device still has work on it to send
      }
    }
    state.tasks = fresh;
  } catch (e) {
    if (state.session === signedIn) {
      failed(e);
    }
  }
  render();
}

function leave() {
  state.feed?.stop();
  state.outbox?.stop();
  clearTimeout(state.retryTimer);
  Object.values(state.labels).forEach(l => [...l.label, l.slip].forEach(u => u && URL.revokeObjectURL(u)));
  Object.assign(state, {session: null, tasks: new Map(), stale: new Set(), outbox: null, feed: null,
    feedState: 'connecting', netDown: false, shortLine: null, labels: {}});
  signOut();
  say('');
  location.hash = '';
  render({moved: true});
}

function renderSignIn() {
  main.innerHTML = signInView();
  main.querySelector('#sign-in').addEventListener('submit', async e => {
    e.preventDefault();
    const f = e.target;
    say('Signing in…');
    try {
      const s = await signIn(f.username.value.trim(), f.password.value);
      if (!STORE_ROLES.includes(s.role) || !s.locationId) {
        signOut();
        say('This app is for store associates and managers: sign in with your store account.', 'error');
        return;
      }
      state.session = session();
      say('');
      location.hash = '#/';
      open();
    } catch (err) {
      say(err.status === 401 ? 'Wrong username or password.' : describe(err), 'error');
    }
  });
}

// ---------------------------------------------------------------------------------------------------- feed

function feedEvent(event, live) {
  const task = event.task;
  if (!task) {
    return;
  }
  if (state.outbox.forTask(task.id).length) {
    state.stale.add(task.id);  // what the server says now may not include this device's waiting actions yet
  } else if (DONE.has(task.status) && location.hash !== `#/task/${task.id}`) {
    state.tasks.delete(task.id);  // finished elsewhere: nothing left to show
  } else {
    const mine = state.tasks.get(task.id);
    if (!mine || mine.updatedAt <= task.updatedAt) {
      state.tasks.set(task.id, task);
    }
  }
  if (live && event.type === 'task-created') {
    newTaskAlert(task);
  }
  scheduleRender();
}

function feedState(s, code) {
  const wasLive = state.feedState === 'live';
  state.feedState = s;
  if (s === 'refused') {
    if (code === 4401) {
      expired();
    } else {
      say('This account may not follow this store’s tasks.', 'error');
    }
  } else if (s === 'live' && !wasLive) {
    state.netDown = false;
    flush();
  }
  render();
}

function newTaskAlert(task) {
  const count = units(task);
  say(`New ${typeOf(task)} task: ${plural(count, 'item')}, due ${clock(task.dueAt)}.`);
  beep();
  try {
    if (navigator.userActivation?.hasBeenActive) {
      navigator.vibrate?.([150, 80, 150]);
    }
  } catch { /* no vibration here */ }
}

let audio = null;

/** Browsers let a page make sounds only after the user did something on it: the first tap or key opens audio. */
function unlockAudio() {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') {
      audio.resume().catch(() => {});
    }
  } catch {
    audio = null;
  }
}

function beep() {
  try {
    if (audio?.state !== 'running') {
      return;
    }
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.2, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.25);
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.25);
  } catch { /* no sound here */ }
}

// ------------------------------------------------------------------------------------------- actions and outbox

const ACTION_LABEL = {claim: 'Claim', release: 'Release', pick: 'Scan', short: 'Short pick', pack: 'Packing',
  ship: 'Ship', stage: 'Staging', ready: 'Ready for pickup', handover: 'Handover', receive: 'Receive'};

/** Does {@code command} on the task: queued, shown at once, sent as soon as the connection allows. */
function act(taskId, command, body = {}) {
  state.outbox.add(taskId, command, body);
  render();
  flush();
}

function flush() {
  clearTimeout(state.retryTimer);
  const outbox = state.outbox;
  if (!outbox?.size || !navigator.onLine) {
    return Promise.resolve();
  }
  const current = () => state.outbox === outbox;  // false once the associate signed out
  return outbox.drain(send, {
    onSent(action, task) {
      if (!current()) {
        return;
      }
      state.netDown = false;
      state.tasks.set(task.id, task);
      scheduleRender();
    },
    onRefused(action, error) {
      if (!current()) {
        return;
      }
      state.stale.add(action.taskId);
      say(`${ACTION_LABEL[action.command]} was refused: ${describe(error)}`, 'error', fieldOf(action, error));
      scheduleRender();
    },
  }).then(() => {
    if (current()) {
      state.netDown = false;
      return refreshStale();
    }
  }).catch(e => current() && failed(e)).finally(() => render());
}

function send(action) {
  return call('POST', `/api/v1/tasks/${encodeURIComponent(action.taskId)}/${action.command}`, action.body,
    {headers: {'idempotency-key': action.key}});
}

/** A request that did not get through: offline (retry soon), or the sign-in expired (sign in again, work kept). */
function failed(e) {
  if (e.status === 401) {
    expired();
    return;
  }
  if (e.status === 0 || e.status >= 500 || e.status === 429) {
    state.netDown = true;
    clearTimeout(state.retryTimer);
    state.retryTimer = setTimeout(() => flush().then(() => state.netDown && loadTasks()), RETRY_MS);
  } else {
    say(describe(e), 'error');
  }
  render();
}

function backOnline() {
  if (!state.session) {
    return;
  }
  state.feed?.reconnectNow();
  flush().then(() => loadTasks());
}

/** Tasks changed on the server while this device had actions waiting: read once those are sent. */
async function refreshStale() {
  for (const id of [...state.stale]) {
    if (!state.outbox || state.outbox.forTask(id).length) {
      continue;
    }
    state.stale.delete(id);
    try {
      state.tasks.set(id, await call('GET', `/api/v1/tasks/${encodeURIComponent(id)}`));
    } catch (e) {
      if (e.status === 404 || e.status === 403) {
        state.tasks.delete(id);
      } else {
        state.stale.add(id);
        throw e;
      }
    }
  }
}

function expired() {
  const work = state.outbox?.size || 0;
  leave();
  say(`Your sign-in has expired: sign in again.${work ? ` Kept until then: ${plural(work, 'action')}.` : ''}`,
    'error');
}

function fieldOf(action, error) {
  return error.errors?.[0]?.field && action.command === 'handover' ? 'pickup-code' : null;
}

// --------------------------------------------------------------------------------------------------- rendering

let renderPending = false;

function scheduleRender() {
  if (!renderPending) {
    renderPending = true;
    setTimeout(() => {
      renderPending = false;
      render();
    }, 0);
  }
}

/** The task as this device sees it: the server's copy with the waiting actions applied. */
function view(id) {
  const t = state.tasks.get(id);
  return t && project(t, state.outbox.forTask(id), state.session.username);
}

function offline() {
  return !navigator.onLine || state.netDown || state.feedState === 'down';
}

/**
 * Draws the screen for the current route. Input values and focus survive a redraw (by element id), so a live update
 * never eats what the associate is typing; {@code moved}: a new screen, focus goes to its first field or heading.
 */
function render({moved = false} = {}) {
  const focused = document.activeElement?.id;
  const values = {};
  main.querySelectorAll('input[id], select[id]').forEach(el => { values[el.id] = el.value; });

  renderChrome();
  const route = location.hash.match(/^#\/task\/([\w-]+)/);
  if (!state.session) {
    renderSignIn();
  } else if (route) {
    renderTask(route[1]);
  } else {
    renderQueue();
  }

  markInvalid();
  if (!moved) {
    for (const [id, value] of Object.entries(values)) {
      const el = document.getElementById(id);
      if (el && main.contains(el)) {
        el.value = value;
      }
    }
  }
  const again = !moved && focused && document.getElementById(focused);
  if (again && again !== document.body) {
    again.focus();
  } else if (moved || !document.activeElement || document.activeElement === document.body) {
    (main.querySelector('[data-autofocus]') || main.querySelector('#view-title'))?.focus();
  }
  if (state.session) {
    localStorage.setItem(storage.tasks(), JSON.stringify([...state.tasks.values()]));
  }
}

function renderChrome() {
  const s = state.session;
  document.getElementById('store-name').textContent = s ? `· ${s.locationId}` : '';
  signOutButton.hidden = !s;
  if (!s) {
    conn.textContent = '';
    banner.hidden = true;
    return;
  }
  const waiting = state.outbox.size;
  const down = offline();
  conn.textContent = down ? 'Offline' : state.feedState === 'live' ? 'Live' : 'Connecting…';
  conn.className = `conn ${down ? 'down' : state.feedState === 'live' ? 'up' : ''}`;
  banner.hidden = !down && !waiting;
  banner.className = down ? 'banner offline' : 'banner sending';
  const count = `${plural(waiting, 'action')} waiting`;
  banner.textContent = down
    ? `Offline — ${count}. Keep working: it is kept here and sent when back online.`
    : `Sending — ${count}…`;
}

function renderQueue() {
  main.innerHTML = queueView(queueOrder([...state.tasks.keys()].map(view)),
    {me: state.session.username, waiting: id => state.outbox.forTask(id).length});
}

function renderTask(id) {
  const t = view(id);
  if (!t) {
    main.innerHTML = notFoundView();
    return;
  }
  main.innerHTML = taskView(t, {
    me: state.session.username,
    waiting: state.outbox.forTask(id).length,
    shortLine: state.shortLine,
    packCount: state.packCount,
    parcels: Number(JSON.parse(localStorage.getItem(storage.parcels()) || '{}')[id] || 1),
    links: state.labels[id],
    online: !offline(),
  });
  wireTask(t);
}

function wireTask(t) {
  const on = (sel, fn) => main.querySelector(sel)?.addEventListener('click', fn);
  on('#claim', () => act(t.id, 'claim'));
  on('#release', () => act(t.id, 'release'));
  on('#receive', () => act(t.id, 'receive'));
  on('#stage', () => act(t.id, 'stage'));
  on('#ready', () => act(t.id, 'ready'));
  on('#ship', () => act(t.id, 'ship'));
  main.querySelectorAll('button.short').forEach(b => b.addEventListener('click', () => {
    state.shortLine = Number(b.dataset.line);
    render({moved: true});
  }));
  main.querySelectorAll('button.doc').forEach(b => b.addEventListener('click', () => print(t.id, b.dataset.doc,
    Number(b.dataset.parcel || 1))));
  main.querySelector('#scan-form')?.addEventListener('submit', e => {
    e.preventDefault();
    const input = e.target.scan;
    const code = input.value.trim();
    input.value = '';
    scanned(t.id, code);
  });
  on('#camera', () => camera(t.id));
  main.querySelector('#short-form')?.addEventListener('submit', e => {
    e.preventDefault();
    const missing = Number(main.querySelector('#short-missing').value);
    const reason = main.querySelector('#short-reason').value;
    const lineNo = state.shortLine;
    state.shortLine = null;
    act(t.id, 'short', {lineNo, missing, reason});
    say(`Short pick of ${missing} reported (${reason}).`);
  });
  on('#short-cancel', () => {
    state.shortLine = null;
    render({moved: true});
  });
  main.querySelector('#pack-count')?.addEventListener('input', e => {
    state.packCount = Math.min(Math.max(Math.round(Number(e.target.value)) || 1, 1), 20);
    render();
  });
  main.querySelector('#pack-form')?.addEventListener('submit', e => {
    e.preventDefault();
    packed(t.id);
  });
  main.querySelector('#handover-form')?.addEventListener('submit', e => {
    e.preventDefault();
    handover(t.id, main.querySelector('#pickup-code'));
  });
}

// ----------------------------------------------------------------------------------------------------- steps

/** A barcode from the scanner, the camera or the keyboard: confirms one unit of its line, or says why not. */
function scanned(taskId, code) {
  if (!code) {
    return;
  }
  const t = view(taskId);
  const {line, error} = lineForScan(t, code);
  if (error) {
    say(error, 'error');
    return;
  }
  act(taskId, 'pick', {upc: line.upc, quantity: 1});
  const after = view(taskId).lines.find(l => l.lineNo === line.lineNo);
  say(`${line.name || line.sku}: ${Math.min(after.picked, after.quantity)} of ${after.quantity} picked.`, 'ok');
}

let cameraAbort = null;

async function camera(taskId) {
  const box = main.querySelector('#camera-box');
  box.hidden = false;
  cameraAbort = new AbortController();
  const abort = cameraAbort;
  main.querySelector('#camera-stop').addEventListener('click', () => abort.abort(), {once: true});
  main.querySelector('#camera-stop').focus();
  try {
    const code = await scanOnce(main.querySelector('#camera-video'), abort.signal);
    if (code) {
      scanned(taskId, code);
    }
  } catch (e) {
    say(`The camera cannot be used: ${e.message}`, 'error');
  } finally {
    box.hidden = true;
    main.querySelector('#scan')?.focus();
  }
}

function packed(taskId) {
  const packages = [];
  for (let i = 0; i < state.packCount; i++) {
    const weight = main.querySelector(`#pack-weight-${i}`);
    const kg = Number(weight.value);
    if (!(kg > 0 && kg <= 30)) {
      say(`Package ${i + 1}: enter its weight in kg (at most 30; split heavier parcels).`, 'error');
      weight.focus();
      return;
    }
    const [lengthCm, widthCm, heightCm] = BOXES[main.querySelector(`#pack-box-${i}`).value];
    packages.push({weightKg: kg, lengthCm, widthCm, heightCm});
  }
  const parcels = JSON.parse(localStorage.getItem(storage.parcels()) || '{}');
  parcels[taskId] = packages.length;
  localStorage.setItem(storage.parcels(), JSON.stringify(parcels));
  state.packCount = 1;
  act(taskId, 'pack', {packages});
  say(`${plural(packages.length, 'package')} packed.`, 'ok');
}

/** Opens the label or packing slip PDF (they need the token, so they are fetched and shown from memory). */
async function print(taskId, doc, parcel) {
  const path = `/api/v1/tasks/${encodeURIComponent(taskId)}/${doc}${doc === 'label' ? `?parcel=${parcel}` : ''}`;
  const tab = window.open('', '_blank');  // opened in the click itself, so that no popup blocker stops it
  try {
    const url = URL.createObjectURL(await fetchBlob(path));
    const links = state.labels[taskId] ??= {label: [], slip: null};
    if (doc === 'label') {
      links.label[parcel - 1] = url;
    } else {
      links.slip = url;
    }
    if (tab) {
      tab.location.href = url;
    }
    say(`${doc === 'label' ? `Label ${parcel}` : 'Packing slip'} opened for printing.`, 'ok');
  } catch (e) {
    tab?.close();
    failed(e);
    if (e.status === 0) {
      say('The label cannot be fetched while offline.', 'error');
    }
  }
  render();
}

async function handover(taskId, input) {
  const code = input.value.trim();
  if (!/^\d{6}$/.test(code)) {
    say('The pickup code is six digits.', 'error', 'pickup-code');
    input.focus();
    return;
  }
  if (offline() || state.outbox.forTask(taskId).length) {
    say('Handing over needs the connection, and the earlier steps sent first: the code is checked by the server.',
      'error');
    return;
  }
  // Sent at once, not queued: the goods leave only when the server has checked the code.
  try {
    const task = await send({taskId, command: 'handover', body: {pickupCode: code}, key: newKey()});
    state.tasks.set(task.id, task);
    say('Handed over. The order is picked up.', 'ok');
  } catch (e) {
    if (e.status === 0) {
      failed(e);
      say('Not handed over: the connection dropped. Try again when back online.', 'error');
    } else {
      say(e.status === 422 ? 'Wrong pickup code: it does not match this order. Ask the customer to check their'
        + ' message.' : describe(e), 'error', 'pickup-code');
    }
  }
  render();
}

// -------------------------------------------------------------------------------------------------- helpers

/** Shows a message in the live region; {@code field}: the input it is about (marked invalid). */
function say(text, kind = 'info', field = null) {
  message.textContent = text;
  message.className = `msg ${kind}`;
  message.hidden = !text;
  state.invalid = field;
  markInvalid();
}

function markInvalid() {
  main.querySelectorAll('[aria-invalid]').forEach(el => el.removeAttribute('aria-invalid'));
  const el = state.invalid && document.getElementById(state.invalid);
  if (el) {
    el.setAttribute('aria-invalid', 'true');
    el.setAttribute('aria-errormessage', 'msg');
  }
}

/** A hardware scanner types into whatever has focus: on the pick screen, send its keys to the scan field. */
function wedge(e) {
  const scan = document.getElementById('scan');
  if (!scan || e.ctrlKey || e.altKey || e.metaKey || e.key.length !== 1 || e.key === ' '
    || e.target.closest?.('input, select, textarea')) {
    return;
  }
  scan.focus();
}

start();
