// The handheld's screens as HTML, drawn from what they show and nothing else; app.js keeps the state and wires the
// controls by their ids. Every value from the server goes through esc().
import {esc} from '/shared/api.js';
import {cameraScanning} from './camera.js';
import {DONE, STATUS_LABEL, TYPE_LABEL, isLate, pickedUnits, remaining, units, walkOrder} from './tasks.js';

export const SHORT_REASONS = ['not on the shelf', 'damaged', 'wrong item in the bin', 'expired', 'other'];

/** The boxes a parcel can go in: length × width × height in cm. */
export const BOXES = {S: [30, 20, 10], M: [40, 30, 20], L: [60, 40, 40]};

export function signInView() {
  return `
    <h2 id="view-title" tabindex="-1">Sign in</h2>
    <form id="sign-in" class="card narrow">
      <label for="username">Username</label>
      <input id="username" name="username" autocomplete="username" required data-autofocus>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <p><button type="submit">Sign in</button></p>
    </form>`;
}

/** The queue; {@code waiting(id)}: how many of the task's actions are not sent yet. */
export function queueView(tasks, {me, waiting}) {
  return `
    <h2 id="view-title" tabindex="-1">Tasks to do <span class="muted">(${tasks.length})</span></h2>
    ${tasks.length ? `<ol class="queue">${tasks.map(t => `
      <li><a id="task-${esc(t.id)}" class="task-card${isLate(t) ? ' late' : ''}" href="#/task/${esc(t.id)}"
          data-task-id="${esc(t.id)}">
        <span class="top"><strong>${esc(typeOf(t))}</strong>
          <span class="badge status">${esc(STATUS_LABEL[t.status] || t.status)}</span>
          ${isLate(t) ? '<span class="badge late">Late</span>' : ''}
          <span class="due">${esc(due(t))}</span></span>
        <span class="items">${esc(summary(t))}</span>
        <span class="muted">Order ${esc(orderLabel(t))}${t.claimedBy ? ` · claimed by
          ${t.claimedBy === me ? 'you' : esc(t.claimedBy)}` : ''}${waiting(t.id)
          ? ' · <span class="warn">not sent yet</span>' : ''}</span>
      </a></li>`).join('')}</ol>`
    : '<p class="card muted">Nothing to do right now. New tasks appear here by themselves.</p>'}`;
}

export function notFoundView() {
  return `<p><a href="#/">← Tasks</a></p>
    <h2 id="view-title" tabindex="-1">Task not found</h2>
    <p class="card">This task is not in your store’s list. It may be done or belong to another store.</p>`;
}

/**
 * One task and what can be done with it next. {@code c}: me, waiting (actions not sent yet), shortLine (the line
 * whose short-pick form is open), packCount, parcels (how many labels), links (object URLs of opened PDFs), online.
 */
export function taskView(t, c) {
  const mine = t.claimedBy === c.me;
  return `
    <p><a href="#/" id="back">← Tasks</a></p>
    <h2 id="view-title" tabindex="-1">${esc(typeOf(t))} · Order ${esc(orderLabel(t))}</h2>
    <p class="task-head"><span class="badge status" id="task-status">${esc(STATUS_LABEL[t.status] || t.status)}</span>
      ${isLate(t) ? '<span class="badge late">Late</span>' : ''}
      <span>${esc(due(t))}</span>
      <span class="muted">${t.claimedBy ? `Claimed by ${mine ? 'you' : esc(t.claimedBy)}` : 'Not claimed'}</span>
      ${c.waiting ? `<span class="warn">${plural(c.waiting, 'action')} not sent yet</span>` : ''}</p>
    ${DONE.has(t.status) ? `<p class="card ok" id="done">This task is ${esc(STATUS_LABEL[t.status].toLowerCase())}.
      <a href="#/">Back to the tasks</a></p>` : steps(t, mine, c)}
    ${t.status === 'picking' && mine ? '' : lineList(t, false)}`;
}

/** What the associate can do next, by status. */
function steps(t, mine, c) {
  if (t.status === 'awaiting-transfer') {
    return `<p class="card">The units come from another store. When the parcel arrives:
      <button id="receive" data-autofocus>Receive transfer</button></p>`;
  }
  if (!t.claimedBy) {
    return `<p class="card"><button id="claim" data-autofocus>Claim this task</button></p>`;
  }
  if (!mine) {
    return `<p class="card muted">${esc(t.claimedBy)} is working on this task.</p>`;
  }
  const release = `<button id="release" class="secondary">Release (give back)</button>`;
  switch (t.status) {
    case 'picking':
      return pickScreen(t, c.shortLine) + `<p>${release}</p>`;
    case 'picked':
      return t.type === 'pickup'
        ? `<p class="card">Everything is picked. Put it on the pickup shelf, then:
            <button id="stage" data-autofocus>Staged on the pickup shelf</button></p>`
        : packForm(c.packCount);
    case 'packed':
      return printing(c) + `<p class="card"><button id="ship">Shipped: handed to the carrier</button></p>`;
    case 'staged':
      return `<p class="card">On the pickup shelf. <button id="ready" data-autofocus>Ready for pickup: tell the
        customer</button></p>`;
    case 'ready':
      return handoverForm(c.online);
    default:
      return `<p>${release}</p>`;
  }
}

function pickScreen(t, shortLineNo) {
  const shortLine = t.lines.find(l => l.lineNo === shortLineNo && remaining(l) > 0);
  return `
    <form id="scan-form" class="card scan" autocomplete="off">
      <label for="scan">Scan or type a barcode</label>
      <div class="scan-row">
        <input id="scan" name="scan" autocomplete="off" autocapitalize="off" spellcheck="false" enterkeyhint="done"
          aria-describedby="pick-progress" ${shortLine ? '' : 'data-autofocus'}>
        <button type="submit">Confirm</button>
        ${cameraScanning ? '<button type="button" id="camera" class="secondary">Scan with camera</button>' : ''}
      </div>
      <p id="pick-progress" class="muted" aria-live="polite">${pickedUnits(t)} of ${units(t)} units picked</p>
    </form>
    <div id="camera-box" hidden><video id="camera-video" muted playsinline></video>
      <button type="button" id="camera-stop" class="secondary">Close camera</button></div>
    ${lineList(t, true)}
    ${shortLine ? shortForm(shortLine) : ''}`;
}

function lineList(t, picking) {
  if (!t.lines.length) {
    return '';
  }
  return `<h3>Pick list <span class="muted">(walking order)</span></h3>
    <ol class="lines" id="pick-list">${walkOrder(t.lines).map(l => {
    const left = remaining(l);
    const picked = Math.min(l.picked, l.quantity);
    return `<li class="line${left ? '' : ' complete'}" data-line="${l.lineNo}" data-sku="${esc(l.sku)}">
      <span class="bin">${l.bin ? esc(l.bin) : '<span class="muted">no bin</span>'}</span>
      <span class="what"><strong>${esc(l.name || l.sku)}</strong>
        <span class="muted">${esc(l.sku)} · ${esc(l.upc || '')}</span></span>
      <span class="progress" aria-label="${picked} of ${l.quantity} picked">
        ${picked} / ${l.quantity}${left ? '' : ' ✓'}</span>
      ${picking && left ? `<button type="button" id="short-${l.lineNo}" class="secondary short"
        data-line="${l.lineNo}" aria-label="Short pick ${esc(l.name || l.sku)}">Short…</button>` : ''}
    </li>`;
  }).join('')}</ol>`;
}

function shortForm(line) {
  const left = remaining(line);
  return `<form id="short-form" class="card" aria-labelledby="short-title">
    <h3 id="short-title">Short pick: ${esc(line.name || line.sku)}</h3>
    <label for="short-missing">Units missing (at most ${left})</label>
    <input id="short-missing" type="number" min="1" max="${left}" value="${left}" required>
    <label for="short-reason">Reason</label>
    <select id="short-reason" required data-autofocus>
      ${SHORT_REASONS.map(r => `<option value="${esc(r)}">${esc(r[0].toUpperCase() + r.slice(1))}</option>`).join('')}
    </select>
    <p class="row"><button type="submit" id="short-confirm">Report short</button>
      <button type="button" id="short-cancel" class="secondary">Cancel</button></p>
  </form>`;
}

function packForm(n) {
  return `<form id="pack-form" class="card">
    <h3>Pack</h3>
    <label for="pack-count">Number of packages</label>
    <input id="pack-count" type="number" min="1" max="20" value="${n}" required data-autofocus>
    ${Array.from({length: n}, (_, i) => `
      <fieldset class="package"><legend>Package ${i + 1}</legend>
        <div class="row">
          <div><label for="pack-weight-${i}">Weight (kg)</label>
            <input id="pack-weight-${i}" type="number" min="0.01" max="30" step="0.01" required inputmode="decimal"></div>
          <div><label for="pack-box-${i}">Box</label>
            <select id="pack-box-${i}">${Object.entries(BOXES).map(([k, d]) =>
    `<option value="${k}"${k === 'M' ? ' selected' : ''}>${k} (${d.join(' × ')} cm)</option>`).join('')}</select></div>
        </div>
      </fieldset>`).join('')}
    <p><button type="submit" id="pack">Packed: book the parcels</button></p>
  </form>`;
}

function printing({waiting, parcels, links}) {
  if (waiting) {
    return `<p class="card notice">The label can be printed once the packing is sent.</p>`;
  }
  const link = (url, text) => url ? `<a href="${url}" target="_blank" rel="noopener">${text}</a>` : '';
  return `<div class="card"><h3>Label and packing slip</h3>
    <p class="row">${Array.from({length: parcels}, (_, i) => `<button type="button" id="label-${i + 1}"
      class="secondary doc" data-doc="label" data-parcel="${i + 1}" ${i === 0 ? 'data-autofocus' : ''}>Print
      label${parcels > 1 ? ` ${i + 1} of ${parcels}` : ''}</button>`).join('')}
      <button type="button" id="packing-slip" class="secondary doc" data-doc="packing-slip">Print packing slip</button></p>
    ${links ? `<p class="muted">If nothing opened: ${links.label.map((u, i) => link(u, `label ${i + 1}`)).join(' ')}
      ${link(links.slip, 'packing slip')}</p>` : ''}
  </div>`;
}

function handoverForm(online) {
  return `<form id="handover-form" class="card" novalidate>
    <h3>Hand over</h3>
    <label for="pickup-code">Pickup code from the customer</label>
    <input id="pickup-code" inputmode="numeric" autocomplete="off" maxlength="6" pattern="[0-9]{6}" required
      aria-describedby="pickup-code-help" data-autofocus>
    <p id="pickup-code-help" class="muted">${online ? 'Six digits, from the customer’s message.'
      : 'Handing over needs the connection: the code is checked by the server.'}</p>
    <p><button type="submit" id="handover" ${online ? '' : 'disabled'}>Hand over</button></p>
  </form>`;
}

// ------------------------------------------------------------------------------------------------ words

/** "1 action", "3 actions". */
export function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The order number the customer knows (its id's end for a task from an older server). */
function orderLabel(task) {
  return task.orderNumber || task.orderId.slice(-8);
}

export function typeOf(task) {
  return TYPE_LABEL[task.type] || task.type;
}

export function clock(iso) {
  return new Date(iso).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
}

function summary(t) {
  return t.lines.map(l => `${l.quantity} × ${l.name || l.sku}`).join(', ') || 'no lines';
}

function due(t) {
  const minutes = Math.round((Date.parse(t.dueAt) - Date.now()) / 60_000);
  if (DONE.has(t.status)) {
    return `Due ${clock(t.dueAt)}`;
  }
  return `Due ${clock(t.dueAt)} (${minutes < 0 ? `${-minutes} min ago` : `in ${minutes} min`})`;
}
