// The ops console: sign-in for customer service and admins, then hash routes to the sections. Each section module
// renders into <main> and may return a function that stops what it started (the overview's polling).
import {ApiError, describe, esc, session, signIn, signOut} from '/shared/api.js';
import * as overview from './overview.js';
import * as orders from './orders.js';
import * as inventory from './inventory.js';
import * as rules from './rules.js';

const SECTIONS = {overview, orders, inventory, rules};
const ALLOWED = ['csr', 'admin'];
const view = document.getElementById('view');
let stop = null;

/** Says something to screen-reader users (and shows nothing). */
export function announce(message) {
  const region = document.getElementById('announce');
  region.textContent = '';
  setTimeout(() => { region.textContent = message; }, 50);
}

/** Shows the sign-in form again when the token expired or was revoked; true when that happened. */
export function signedOut(error) {
  if (error instanceof ApiError && error.status === 401) {
    signOut();
    route();
    return true;
  }
  return false;
}

function header(s) {
  document.getElementById('who').textContent = s ? `${s.username} (${s.role})` : '';
  document.getElementById('sign-out').hidden = !s;
  document.getElementById('nav').hidden = !(s && ALLOWED.includes(s.role));
}

function showSignIn() {
  header(null);
  view.innerHTML = `
    <h2>Sign in</h2>
    <p class="muted">The ops console is for customer service and admins.</p>
    <form id="sign-in" class="card narrow" novalidate>
      <label for="username">User name</label>
      <input id="username" name="username" autocomplete="username" required>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <p><button type="submit">Sign in</button></p>
      <p id="sign-in-error" class="error" role="alert" hidden></p>
    </form>`;
  const form = document.getElementById('sign-in');
  form.username.focus();
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const error = document.getElementById('sign-in-error');
    error.hidden = true;
    try {
      await signIn(form.username.value.trim(), form.password.value);
      route();
    } catch (err) {
      error.textContent = err instanceof ApiError && err.status === 401 ? 'Wrong user name or password.'
        : describe(err);
      error.hidden = false;
    }
  });
}

function showNotAllowed(s) {
  header(s);
  view.innerHTML = `
    <div class="error" id="not-allowed" role="alert">
      <p><strong>Not allowed.</strong> You are signed in as ${esc(s.username)}, a ${esc(s.role)}. The ops console is
      for customer service (csr) and admins.</p>
      <button type="button" id="switch-user">Sign in as someone else</button>
    </div>`;
  document.getElementById('switch-user').addEventListener('click', () => { signOut(); route(); });
}

/** Renders the section the hash names: #/orders/{id}, #/inventory/{sku}, #/rules, #/overview (the default). */
export function route() {
  if (stop) {
    stop();
    stop = null;
  }
  const s = session();
  if (!s) {
    showSignIn();
    return;
  }
  if (!ALLOWED.includes(s.role)) {
    showNotAllowed(s);
    return;
  }
  header(s);
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, ...rest] = path.split('/');
  const section = SECTIONS[name] ? name : 'overview';
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.section === section) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  }
  view.innerHTML = '';
  const ctx = {session: s, admin: s.role === 'admin', announce, signedOut};
  stop = SECTIONS[section].render(view, rest.map(decodeURIComponent), new URLSearchParams(query), ctx) || null;
}

document.getElementById('sign-out').addEventListener('click', () => {
  signOut();
  location.hash = '';
  route();
});
window.addEventListener('hashchange', () => {
  route();
  view.focus({preventScroll: true});
});
route();
